using TorchSharp;

namespace Cnn.MLNet.Trainers.Networks;

/// <summary>
/// When libtorch's own convolution kernel may compute a forward pass (<c>UnfoldedConv1d</c>,
/// <c>UnfoldedConv2d</c>, no gradient into the input) instead of unfold + matmul.
/// </summary>
/// <remarks>
/// libtorch 2.10's float32 CPU <c>conv1d</c> and <c>conv2d</c> forward passes are wrong on this
/// project's machines (AMD EPYC, AVX-512) whenever the input has more than 16 channels and a
/// count that is not a multiple of 16, for batches of two rows or more: maximum errors of 1.2 on
/// outputs of order 1 against float64, for 17–31, 33–47, … 300 input channels; 1–16 and every
/// multiple of 16 up to 512 were right (measured for every count from 1 to 320). Basset's second
/// layer (300 → 200) hit it: its scores were off by 0.018 until this guard. Unfold + matmul is
/// right everywhere (and about 3× slower for Zou2019's 4-channel first layer, so it is not used
/// where the native kernel is known to be right). CUDA kernels are not affected by this rule.
/// <c>UnfoldedConv1dTests</c>/<c>UnfoldedConv2dTests</c> check the forward pass of wide layers
/// with channel counts on both sides of the rule against float64, so a machine where the rule does
/// not hold fails them.
/// </remarks>
internal static class NativeConvolution
{
    /// <summary>Whether the native forward kernel is right for <paramref name="inChannels"/> input channels on <paramref name="device"/>.</summary>
    public static bool ForwardIsReliable(torch.Device device, long inChannels) =>
        device.type != DeviceType.CPU || inChannels <= 16 || inChannels % 16 == 0;
}
