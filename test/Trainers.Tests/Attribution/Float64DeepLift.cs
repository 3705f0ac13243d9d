namespace Cnn.MLNet.Trainers.Tests.Attribution;

/// <summary>
/// DeepLIFT's rescale rule, written out in float64 for one small network — conv (valid, stride 1)
/// → ReLU → max pool 2 → flatten → dense → ReLU → one output — from the paper's definitions:
/// multipliers are propagated backwards layer by layer, a ReLU's multiplier is Δy/Δx (its
/// derivative where |Δx| &lt; 1e-6), and a max pool's difference of maxima is split between the
/// input's and the reference's arg-max as DeepSHAP does. No TorchSharp: an independent check of
/// the library's graph-based implementation.
/// </summary>
internal sealed class Float64DeepLift(float[] convWeight, float[] convBias, float[] denseWeight, float[] denseBias,
    float[] outputWeight, float[] outputBias, int filters, int kernel, int length, int units)
{
    private const int Channels = 4;
    private int ConvLength => length - kernel + 1;
    private int Pooled => ConvLength / 2;

    private sealed record Activations(double[] Conv, double[] ConvRelu, double[] Pooled, int[] ArgMax, double[] Dense, double[] DenseRelu, double Output);

    /// <summary>Per input value (channel-major), multiplier × (x − r).</summary>
    public double[] Contributions(float[] x, float[] r)
    {
        var a = Forward(x);
        var b = Forward(r);
        // Output layer: linear.
        var mDenseRelu = new double[units];
        for (int u = 0; u < units; u++) mDenseRelu[u] = outputWeight[u];
        var mDense = new double[units];
        for (int u = 0; u < units; u++) mDense[u] = mDenseRelu[u] * Rescale(a.Dense[u], b.Dense[u]);
        var mPooled = new double[filters * Pooled];
        for (int i = 0; i < mPooled.Length; i++)
            for (int u = 0; u < units; u++) mPooled[i] += denseWeight[u * mPooled.Length + i] * mDense[u];
        var mConvRelu = new double[filters * ConvLength];
        for (int f = 0; f < filters; f++)
            for (int j = 0; j < Pooled; j++)
            {
                int o = f * Pooled + j;
                double y = a.Pooled[o], yr = b.Pooled[o], cross = Math.Max(y, yr);
                int ix = f * ConvLength + a.ArgMax[o], ir = f * ConvLength + b.ArgMax[o];
                double dx = a.ConvRelu[ix] - b.ConvRelu[ix], dr = a.ConvRelu[ir] - b.ConvRelu[ir];
                if (dx != 0) mConvRelu[ix] += mPooled[o] * (cross - yr) / dx;
                if (dr != 0) mConvRelu[ir] += mPooled[o] * (y - cross) / dr;
            }
        var mConv = new double[filters * ConvLength];
        for (int i = 0; i < mConv.Length; i++) mConv[i] = mConvRelu[i] * Rescale(a.Conv[i], b.Conv[i]);
        var contributions = new double[Channels * length];
        for (int f = 0; f < filters; f++)
            for (int q = 0; q < ConvLength; q++)
                for (int c = 0; c < Channels; c++)
                    for (int k = 0; k < kernel; k++)
                    {
                        int i = c * length + q + k;
                        contributions[i] += convWeight[(f * Channels + c) * kernel + k] * mConv[f * ConvLength + q] * (x[i] - r[i]);
                    }
        return contributions;
    }

    private static double Rescale(double x, double r) =>
        Math.Abs(x - r) < 1e-6 ? (x > 0 ? 1 : 0) : (Math.Max(0, x) - Math.Max(0, r)) / (x - r);

    private Activations Forward(float[] x)
    {
        var conv = new double[filters * ConvLength];
        for (int f = 0; f < filters; f++)
            for (int q = 0; q < ConvLength; q++)
            {
                double sum = convBias[f];
                for (int c = 0; c < Channels; c++)
                    for (int k = 0; k < kernel; k++) sum += convWeight[(f * Channels + c) * kernel + k] * x[c * length + q + k];
                conv[f * ConvLength + q] = sum;
            }
        var relu = conv.Select(v => Math.Max(0, v)).ToArray();
        var pooled = new double[filters * Pooled];
        var argMax = new int[filters * Pooled];
        for (int f = 0; f < filters; f++)
            for (int j = 0; j < Pooled; j++)
            {
                double left = relu[f * ConvLength + 2 * j], right = relu[f * ConvLength + 2 * j + 1];
                argMax[f * Pooled + j] = right > left ? 2 * j + 1 : 2 * j;
                pooled[f * Pooled + j] = Math.Max(left, right);
            }
        var dense = new double[units];
        for (int u = 0; u < units; u++)
        {
            double sum = denseBias[u];
            for (int i = 0; i < pooled.Length; i++) sum += denseWeight[u * pooled.Length + i] * pooled[i];
            dense[u] = sum;
        }
        var denseRelu = dense.Select(v => Math.Max(0, v)).ToArray();
        double output = outputBias[0];
        for (int u = 0; u < units; u++) output += outputWeight[u] * denseRelu[u];
        return new Activations(conv, relu, pooled, argMax, dense, denseRelu, output);
    }
}
