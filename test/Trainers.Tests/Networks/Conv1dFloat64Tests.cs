using static Cnn.MLNet.Trainers.Tests.Networks.ConvolutionFloat64;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Networks;

/// <summary>
/// The 1-D convolutions the networks are built with (<c>Layers.Conv</c>, libtorch's own kernel)
/// against a float64 reference: outputs, input gradients (what deeper layers and saliency use) and
/// weight gradients, over shapes, strides, dilations and paddings, and inference of wide layers of
/// channel counts that are and are not multiples of 16. An earlier version of this project routed
/// convolutions through unfold + matmul for a suspected float32 kernel bug that these tests, on the
/// native kernel, showed to be TorchSharp's Scalar finalizer race instead (docs/CONV-KERNELS.md); if
/// a libtorch release ever computes a wrong convolution on these machines, these fail.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class Conv1dFloat64Tests
{
    public Conv1dFloat64Tests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(4, 5, 5, 3, 1, 1, ConvPadding.Valid, null)]
    [InlineData(4, 30, 4, 2, 1, 1, ConvPadding.Valid, null)]
    [InlineData(4, 50, 12, 32, 1, 1, ConvPadding.Valid, null)]
    [InlineData(8, 20, 3, 8, 1, 2, ConvPadding.Valid, null)]
    [InlineData(8, 21, 4, 5, 1, 3, ConvPadding.Same, null)]
    [InlineData(6, 17, 15, 4, 1, 1, ConvPadding.Same, null)]
    [InlineData(4, 40, 5, 6, 3, 1, ConvPadding.Valid, null)]
    [InlineData(20, 31, 3, 24, 2, 1, ConvPadding.Same, 1)]
    [InlineData(64, 40, 3, 64, 1, 8, ConvPadding.Same, null)]
    public void Matches_a_float64_convolution_forward_and_backward(int channels, int length, int kernel, int filters, int stride, int dilation, ConvPadding padding, int? explicitPadding)
    {
        long total = TotalPadding(kernel, dilation, padding, explicitPadding);
        for (int rows = 1; rows <= 6; rows++)
        {
            using var scope = NewDisposeScope();
            random.manual_seed(rows);
            using var conv = Layers.Conv(1, channels, filters, kernel, stride, padding, dilation, explicitPadding);
            AssertMatchesFloat64(conv, rand(rows, channels, length),
                (x64, w64, b64) => nn.functional.conv1d(nn.functional.pad(x64, [total / 2, total - total / 2]), w64, b64, stride: stride, dilation: dilation),
                $"{rows} rows");
        }
    }

    // Basset's 300 → 200 layer and counts on both sides of 16's multiples, under inference_mode as scoring runs them.
    [Theory]
    [InlineData(4, 32, 12)]
    [InlineData(16, 16, 3)]
    [InlineData(17, 24, 5)]
    [InlineData(20, 32, 5)]
    [InlineData(48, 20, 7)]
    [InlineData(100, 64, 3)]
    [InlineData(128, 64, 7)]
    [InlineData(200, 200, 7)]
    [InlineData(300, 200, 11)]
    public void Inference_is_right_for_wide_layers_of_any_channel_count(int channels, int filters, int kernel)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(channels);
        using var conv = Layers.Conv(1, channels, filters, kernel, 1, ConvPadding.Same, 1);
        var parameters = conv.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var x = randn(4, channels, 40);
        Tensor y;
        using (inference_mode()) y = conv.forward(x);
        long total = kernel - 1;
        var y64 = nn.functional.conv1d(nn.functional.pad(x.to(ScalarType.Float64), [total / 2, total - total / 2]),
            parameters["weight"].detach().to(ScalarType.Float64), parameters["bias"].detach().to(ScalarType.Float64));
        Assert.True(RelativeDifference(y, y64) < 1e-5, $"{channels} → {filters} channels: {RelativeDifference(y, y64)}");
    }

    [Fact]
    public void Same_padding_with_an_even_kernel_pads_one_more_after_as_PyTorch_does()
    {
        using var scope = NewDisposeScope();
        using var conv = Layers.Conv(1, 1, 1, 4, 1, ConvPadding.Same, 1);
        using (no_grad())
        {
            conv.named_parameters().Single(p => p.name == "weight").parameter.copy_(tensor(new float[] { 1, 0, 0, 0 }).view(1, 1, 4));
            conv.named_parameters().Single(p => p.name == "bias").parameter.zero_();
        }
        // Total padding 3: one before, two after, so output i reads input i − 1.
        var y = conv.forward(tensor(new float[] { 1, 2, 3, 4, 5 }).view(1, 1, 5));
        Assert.Equal(new float[] { 0, 1, 2, 3, 4 }, y.data<float>().ToArray());
    }
}
