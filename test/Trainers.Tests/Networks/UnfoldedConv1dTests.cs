using Cnn.MLNet.Trainers.Networks;
using Cnn.MLNet.Trainers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Networks;

/// <summary>
/// Our convolution against a float64 reference (libtorch's own conv1d in double precision, which
/// is right): outputs, input gradients (the ones libtorch 2.10's float32 conv1d gets wrong on CPU)
/// and weight gradients, over shapes, dilations and paddings.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class UnfoldedConv1dTests
{
    public UnfoldedConv1dTests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(4, 5, 5, 3, 1, 1, ConvPadding.Valid)]
    [InlineData(4, 30, 4, 2, 1, 1, ConvPadding.Valid)]
    [InlineData(4, 50, 12, 32, 1, 1, ConvPadding.Valid)]
    [InlineData(8, 20, 3, 8, 1, 2, ConvPadding.Valid)]
    [InlineData(8, 21, 4, 5, 1, 3, ConvPadding.Same)]
    [InlineData(6, 17, 15, 4, 1, 1, ConvPadding.Same)]
    [InlineData(4, 40, 5, 6, 3, 1, ConvPadding.Valid)]
    public void Matches_a_float64_convolution_forward_and_backward(int channels, int length, int kernel, int filters, int stride, int dilation, ConvPadding padding)
    {
        for (int rows = 1; rows <= 6; rows++)
        {
            random.manual_seed(rows);
            using var ours = new UnfoldedConv1d(channels, filters, kernel, stride, dilation, padding);
            var reference = padding == ConvPadding.Same
                ? nn.Conv1d(channels, filters, kernel, Padding.Same, stride: stride, dilation: dilation, dtype: ScalarType.Float64)
                : nn.Conv1d(channels, filters, kernel, stride: stride, dilation: dilation, dtype: ScalarType.Float64);
            var parameters = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            using (no_grad())
            {
                reference.weight!.copy_(parameters["weight"]);
                reference.bias!.copy_(parameters["bias"]);
            }
            var x = rand(rows, channels, length).requires_grad_(true);
            var x64 = x.detach().to(ScalarType.Float64).requires_grad_(true);
            var y = ours.forward(x);
            var y64 = reference.forward(x64);
            var upstream = randn(y64.shape, dtype: ScalarType.Float64);
            y.mul(upstream.to(ScalarType.Float32)).sum().backward();
            y64.mul(upstream).sum().backward();

            Assert.Equal(y64.shape, y.shape);
            Assert.True(MaxDifference(y, y64) < 1e-4, $"forward, {rows} rows");
            Assert.True(MaxDifference(x.grad!, x64.grad!) < 1e-4, $"input gradient, {rows} rows");
            Assert.True(MaxDifference(parameters["weight"].grad!, reference.weight!.grad!) < 1e-3, $"weight gradient, {rows} rows");
        }
    }

    [Theory]
    [InlineData(ConvPadding.Valid, 1)]
    [InlineData(ConvPadding.Same, 2)]
    public void The_fast_path_without_input_gradient_gives_the_same_output(ConvPadding padding, int dilation)
    {
        random.manual_seed(4);
        using var ours = new UnfoldedConv1d(4, 6, 5, 1, dilation, padding);
        var x = rand(3, 4, 30);
        using var fast = ours.forward(x);
        using var unfolded = ours.forward(x.detach().clone().requires_grad_(true));
        Assert.True(MaxDifference(fast, unfolded.detach().to(ScalarType.Float64)) < 1e-5);
    }

    // libtorch's float32 CPU forward kernel is wrong for more than 16 input channels that are not a
    // multiple of 16 (NativeConvolution); Basset's 300 → 200 layer was off by up to 1.2.
    [Theory]
    [InlineData(4, 32, 12)]
    [InlineData(16, 16, 3)]
    [InlineData(20, 32, 5)]
    [InlineData(100, 64, 3)]
    [InlineData(128, 64, 7)]
    [InlineData(200, 200, 7)]
    [InlineData(300, 200, 11)]
    public void Inference_is_right_for_wide_layers_of_any_channel_count(int channels, int filters, int kernel)
    {
        random.manual_seed(channels);
        using var ours = new UnfoldedConv1d(channels, filters, kernel, 1, 1, ConvPadding.Same);
        var parameters = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var x = randn(4, channels, 40);
        using var inference = inference_mode();
        var y = ours.forward(x);
        long total = kernel - 1;
        var y64 = nn.functional.conv1d(nn.functional.pad(x.to(ScalarType.Float64), [total / 2, total - total / 2]),
            parameters["weight"].to(ScalarType.Float64), parameters["bias"].to(ScalarType.Float64));
        Assert.True(MaxDifference(y, y64) < 1e-4, $"{channels} → {filters} channels: {MaxDifference(y, y64)}");
    }

    [Fact]
    public void Parameters_keep_nn_Conv1d_names_shapes_and_initialisation()
    {
        random.manual_seed(3);
        using var ours = new UnfoldedConv1d(4, 8, 5, 1, 1, ConvPadding.Valid);
        random.manual_seed(3);
        using var native = nn.Conv1d(4, 8, 5);

        var names = ours.named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(new[] { "weight", "bias" }, names);
        Assert.Equal(native.weight!.data<float>().ToArray(), ours.named_parameters().First().parameter.data<float>().ToArray());
    }

    private static double MaxDifference(Tensor a, Tensor b) => (a.to(ScalarType.Float64) - b).abs().max().item<double>();
}
