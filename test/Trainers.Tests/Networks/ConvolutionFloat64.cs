using Cnn.MLNet.Trainers.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Networks;

/// <summary>
/// Comparisons against float64 shared by the convolution and whole-network checks. The reference is
/// computed from the float32 module's own parameters with explicit padding and the functional
/// convolution in double precision, so it does not depend on how the module pads.
/// </summary>
internal static class ConvolutionFloat64
{
    /// <summary>The largest absolute difference between <paramref name="a"/> and <paramref name="b"/>, in float64.</summary>
    public static double MaxDifference(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a.detach().to(ScalarType.Float64) - b.detach().to(ScalarType.Float64)).abs().max().item<double>();
    }

    /// <summary>The largest absolute difference relative to the largest magnitude of <paramref name="reference"/> (at least 1).</summary>
    public static double RelativeDifference(Tensor actual, Tensor reference)
    {
        using var scope = NewDisposeScope();
        double scale = Math.Max(1.0, reference.detach().abs().max().to(ScalarType.Float64).item<double>());
        return MaxDifference(actual, reference) / scale;
    }

    /// <summary>Total zero padding of a layer: explicit on both sides, else same = dilation·(k−1), else none.</summary>
    public static long TotalPadding(int kernel, int dilation, ConvPadding padding, int? explicitPadding) =>
        explicitPadding is int both ? 2 * both : padding == ConvPadding.Same ? dilation * (kernel - 1) : 0;
}
