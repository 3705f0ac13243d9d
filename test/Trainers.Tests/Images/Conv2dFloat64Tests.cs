using static Cnn.MLNet.Trainers.Tests.Networks.ConvolutionFloat64;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>
/// The 2-D convolutions the image networks are built with (<c>Layers.Conv</c>, libtorch's own
/// kernel) against a float64 reference: outputs, input gradients and weight gradients, and inference
/// of wide layers (see <c>Conv1dFloat64Tests</c> for why these exist).
/// </summary>
[Collection(TorchGlobalState.Name)]
public class Conv2dFloat64Tests
{
    public Conv2dFloat64Tests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(1, 12, 5, 6, 1, 1, ConvPadding.Valid, null)]
    [InlineData(3, 16, 3, 8, 1, 1, ConvPadding.Same, null)]
    [InlineData(6, 14, 5, 16, 1, 1, ConvPadding.Valid, null)]
    [InlineData(4, 11, 4, 5, 1, 2, ConvPadding.Same, null)]
    [InlineData(4, 15, 3, 5, 2, 1, ConvPadding.Same, 1)]
    [InlineData(3, 9, 7, 4, 1, 1, ConvPadding.Same, null)]
    [InlineData(20, 10, 3, 36, 1, 1, ConvPadding.Same, null)]
    public void Matches_a_float64_convolution_forward_and_backward(int channels, int size, int kernel, int filters, int stride, int dilation, ConvPadding padding, int? explicitPadding)
    {
        long total = TotalPadding(kernel, dilation, padding, explicitPadding);
        for (int rows = 1; rows <= 3; rows++)
        {
            using var scope = NewDisposeScope();
            random.manual_seed(rows);
            using var conv = Layers.Conv(2, channels, filters, kernel, stride, padding, dilation, explicitPadding);
            AssertMatchesFloat64(conv, rand(rows, channels, size, size),
                (x64, w64, b64) => nn.functional.conv2d(nn.functional.pad(x64, [total / 2, total - total / 2, total / 2, total - total / 2]), w64, b64,
                    strides: [stride, stride], dilation: [dilation, dilation]),
                $"{rows} rows");
        }
    }

    [Theory]
    [InlineData(3, 6, 5)]
    [InlineData(32, 32, 3)]
    [InlineData(20, 16, 3)]
    [InlineData(100, 32, 3)]
    [InlineData(300, 200, 3)]
    public void Inference_is_right_for_wide_layers_of_any_channel_count(int channels, int filters, int kernel)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(channels);
        using var conv = Layers.Conv(2, channels, filters, kernel, 1, ConvPadding.Valid, 1);
        var parameters = conv.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var x = randn(4, channels, 10, 10);
        Tensor y;
        using (inference_mode()) y = conv.forward(x);
        var y64 = nn.functional.conv2d(x.to(ScalarType.Float64), parameters["weight"].detach().to(ScalarType.Float64), parameters["bias"].detach().to(ScalarType.Float64));
        Assert.True(RelativeDifference(y, y64) < 1e-5, $"{channels} → {filters} channels: {RelativeDifference(y, y64)}");
    }
}
