using Cnn.MLNet.Trainers.Networks;
using Cnn.MLNet.Trainers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>
/// Our 2-D convolution against libtorch's conv2d in float64 (which is right): outputs, input
/// gradients (wrong in libtorch 2.10's float32 CPU conv2d for stride 1) and weight gradients.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class UnfoldedConv2dTests
{
    public UnfoldedConv2dTests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(1, 12, 5, 6, 1, 1, ConvPadding.Valid, null)]
    [InlineData(3, 16, 3, 8, 1, 1, ConvPadding.Same, null)]
    [InlineData(6, 14, 5, 16, 1, 1, ConvPadding.Valid, null)]
    [InlineData(4, 11, 4, 5, 1, 2, ConvPadding.Same, null)]
    [InlineData(4, 15, 3, 5, 2, 1, ConvPadding.Same, 1)]
    [InlineData(3, 9, 7, 4, 1, 1, ConvPadding.Same, null)]
    public void Matches_a_float64_convolution_forward_and_backward(int channels, int size, int kernel, int filters, int stride, int dilation, ConvPadding padding, int? explicitPadding)
    {
        for (int rows = 1; rows <= 3; rows++)
        {
            random.manual_seed(rows);
            using var ours = new UnfoldedConv2d(channels, filters, kernel, stride, dilation, padding, explicitPadding);
            var parameters = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            var weight64 = parameters["weight"].detach().to(ScalarType.Float64).requires_grad_(true);
            var bias64 = parameters["bias"].detach().to(ScalarType.Float64);

            var x = rand(rows, channels, size, size).requires_grad_(true);
            var x64 = x.detach().to(ScalarType.Float64).requires_grad_(true);
            var y = ours.forward(x);
            long total = explicitPadding is int p ? 2 * p : padding == ConvPadding.Same ? dilation * (kernel - 1) : 0;
            var padded = nn.functional.pad(x64, [total / 2, total - total / 2, total / 2, total - total / 2]);
            var y64 = nn.functional.conv2d(padded, weight64, bias64, strides: [stride, stride], dilation: [dilation, dilation]);
            var upstream = randn(y64.shape, dtype: ScalarType.Float64);
            y.mul(upstream.to(ScalarType.Float32)).sum().backward();
            y64.mul(upstream).sum().backward();

            Assert.Equal(y64.shape, y.shape);
            Assert.True(MaxDifference(y, y64) < 1e-4, $"forward, {rows} rows");
            Assert.True(MaxDifference(x.grad!, x64.grad!) < 1e-4, $"input gradient, {rows} rows");
            Assert.True(MaxDifference(parameters["weight"].grad!, weight64.grad!) < 1e-3, $"weight gradient, {rows} rows");
        }
    }

    [Fact]
    public void The_fast_path_without_input_gradient_gives_the_same_output()
    {
        random.manual_seed(3);
        using var conv = new UnfoldedConv2d(3, 8, 3, 1, 1, ConvPadding.Same);
        var x = rand(4, 3, 10, 10);
        using var fast = conv.forward(x);
        using var unfolded = conv.forward(x.clone().requires_grad_(true));
        Assert.True(MaxDifference(fast, unfolded) < 1e-5);
    }

    // The float32 CPU forward kernel's channel-count fault (NativeConvolution) hits conv2d too.
    [Theory]
    [InlineData(3, 6, 5)]
    [InlineData(32, 32, 3)]
    [InlineData(20, 16, 3)]
    [InlineData(100, 32, 3)]
    [InlineData(300, 200, 3)]
    public void Inference_is_right_for_wide_layers_of_any_channel_count(int channels, int filters, int kernel)
    {
        random.manual_seed(channels);
        using var ours = new UnfoldedConv2d(channels, filters, kernel, 1, 1, ConvPadding.Valid);
        var parameters = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var x = randn(4, channels, 10, 10);
        using var inference = inference_mode();
        var y = ours.forward(x);
        var y64 = nn.functional.conv2d(x.to(ScalarType.Float64), parameters["weight"].to(ScalarType.Float64), parameters["bias"].to(ScalarType.Float64));
        Assert.True(MaxDifference(y, y64) < 1e-4, $"{channels} → {filters} channels: {MaxDifference(y, y64)}");
    }

    private static double MaxDifference(Tensor a, Tensor b) => (a.detach().to(ScalarType.Float64) - b.detach().to(ScalarType.Float64)).abs().max().item<double>();
}
