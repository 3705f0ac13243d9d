using Cnn.MLNet.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Integrated gradients: (x − b) × the mean gradient at b + α_s (x − b), α_s = (s + ½) / steps
/// (the midpoint rule), averaged over the references b. The contributions sum to f(x) − mean f(b)
/// up to the rule's discretisation error. Interpolated points are processed in passes of about
/// <see cref="DeepLiftAttribution.SamplesPerPass"/>.
/// </summary>
internal sealed class IntegratedGradientsAttribution(AttributionReferences references, int steps) : IAttributionMethod
{
    public bool SumsToDelta => true;

    public void Compute(CnnModel model, ReadOnlySpan<float> inputs, AttributionBatch batch)
    {
        int size = model.Input.Size, n = references.Count;
        var refs = new float[n * size];
        for (int row = 0; row < batch.Rows; row++)
        {
            var x = inputs.Slice(row * size, size);
            references.Fill(x, 1, refs);
            Row(model, x, refs, batch, row);
        }
    }

    private void Row(CnnModel model, ReadOnlySpan<float> input, float[] refs, AttributionBatch batch, int row)
    {
        int size = model.Input.Size, n = references.Count, k = model.Outputs;
        var weights = batch.Weights.AsSpan(row * k, k);
        const int pointsPerPass = DeepLiftAttribution.SamplesPerPass;
        using var grad = torch.enable_grad();
        using var scope = NewDisposeScope();
        var x = TensorCopy.ToTensor(input, 1, size, model.Device);
        var b = TensorCopy.ToTensor(refs, n, size, model.Device);
        var difference = x - b; // (n, size)
        var alphas = TensorCopy.ToTensor(Enumerable.Range(0, steps).Select(s => (float)((s + 0.5) / steps)).ToArray(), 1, steps, model.Device);
        // Every (reference, step) point: b_n + α_s (x − b_n), reference-major.
        var points = b.unsqueeze(1).add(alphas.view(1, steps, 1) * difference.unsqueeze(1), Scalars.One).reshape(n * steps, size);
        var gradients = new List<Tensor>();
        for (int first = 0; first < n * steps; first += pointsPerPass)
        {
            int count = (int)Math.Min(pointsPerPass, n * steps - first);
            var leaf = points.narrow(0, first, count).detach().requires_grad_(true);
            var y = NetworkOutput.Of(model, leaf);
            var selector = NetworkOutput.Selector(weights, count, k, model.Device);
            gradients.Add(torch.autograd.grad([y], [leaf], [selector])[0].detach());
        }
        var meanGradient = torch.cat(gradients, 0).view(n, steps, size).mean([1]);
        var contributions = (meanGradient * difference).mean([0]);
        TensorCopy.ToSpan(contributions, batch.Contributions.AsSpan(row * size, size));

        using var inference = torch.no_grad();
        var ends = (NetworkOutput.Of(model, torch.cat([x, b], 0)) * NetworkOutput.Selector(weights, n + 1, k, model.Device)).sum([1]);
        var values = new double[ends.shape[0]];
        TensorCopy.ToSpan(ends, values);
        batch.Deltas![row] = values[0] - values.Skip(1).Average();
    }
}
