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

    /// <summary>
    /// Runs <paramref name="conv"/> (float32) and <paramref name="reference64"/> (the same convolution
    /// in float64 from the module's weight and bias, given the input, weight and bias) on
    /// <paramref name="x"/>, back-propagates the same random upstream gradient through both, and
    /// asserts that outputs, input gradients and weight gradients agree.
    /// </summary>
    public static void AssertMatchesFloat64(nn.Module<Tensor, Tensor> conv, Tensor x, Func<Tensor, Tensor, Tensor, Tensor> reference64, string what)
    {
        using var scope = NewDisposeScope();
        var parameters = conv.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var weight64 = parameters["weight"].detach().to(ScalarType.Float64).requires_grad_(true);
        var bias64 = parameters["bias"].detach().to(ScalarType.Float64);
        var input = x.detach().clone().requires_grad_(true);
        var input64 = x.detach().to(ScalarType.Float64).requires_grad_(true);
        var y = conv.forward(input);
        var y64 = reference64(input64, weight64, bias64);
        var upstream = randn(y64.shape, dtype: ScalarType.Float64);
        y.mul(upstream.to(ScalarType.Float32)).sum().backward();
        y64.mul(upstream).sum().backward();

        Assert.Equal(y64.shape, y.shape);
        Assert.True(MaxDifference(y, y64) < 1e-4, $"forward, {what}: {MaxDifference(y, y64)}");
        Assert.True(MaxDifference(input.grad!, input64.grad!) < 1e-4, $"input gradient, {what}: {MaxDifference(input.grad!, input64.grad!)}");
        Assert.True(RelativeDifference(parameters["weight"].grad!, weight64.grad!) < 1e-4, $"weight gradient, {what}");
    }

    /// <summary>Total zero padding of a layer: explicit on both sides, else same = dilation·(k−1), else none.</summary>
    public static long TotalPadding(int kernel, int dilation, ConvPadding padding, int? explicitPadding) =>
        explicitPadding is int both ? 2 * both : padding == ConvPadding.Same ? dilation * (kernel - 1) : 0;
}
