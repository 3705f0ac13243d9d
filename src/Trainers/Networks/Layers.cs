using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers.Networks;

/// <summary>
/// Turns spec enums into TorchSharp modules, for sequences (axes = 1: Conv1d, BatchNorm1d,
/// MaxPool1d, …) or images (axes = 2: the 2-D modules, square windows).
/// </summary>
internal static class Layers
{
    public static Module<Tensor, Tensor> Activation(Activation activation) => activation switch
    {
        Networks.Activation.None => Identity(),
        Networks.Activation.Relu => ReLU(),
        Networks.Activation.Gelu => GELU(),
        Networks.Activation.Elu => ELU(),
        Networks.Activation.Tanh => Tanh(),
        Networks.Activation.Sigmoid => Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    public static Module<Tensor, Tensor> Pool(int axes, Pooling pooling, int size) => (pooling, axes) switch
    {
        (Pooling.Max, 1) => MaxPool1d(size, size),
        (Pooling.Average, 1) => AvgPool1d(size, size),
        (Pooling.Max, 2) => MaxPool2d(size, size),
        (Pooling.Average, 2) => AvgPool2d(size, size),
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, $"No pooling module for this kind and {axes} axes."),
    };

    public static Module<Tensor, Tensor> GlobalPool(int axes, Pooling pooling) => (pooling, axes) switch
    {
        (Pooling.Max, 1) => AdaptiveMaxPool1d(1),
        (Pooling.Average, 1) => AdaptiveAvgPool1d(1),
        (Pooling.Max, 2) => AdaptiveMaxPool2d([1, 1]),
        (Pooling.Average, 2) => AdaptiveAvgPool2d(1),
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, $"No global pooling module for this kind and {axes} axes."),
    };

    public static Module<Tensor, Tensor> BatchNorm(int axes, int features) => axes == 2 ? BatchNorm2d(features) : BatchNorm1d(features);

    /// <summary>
    /// A convolution (see <see cref="UnfoldedConv1d"/> and <see cref="UnfoldedConv2d"/> for why it
    /// is not libtorch's own). <paramref name="explicitPadding"/> overrides <paramref name="padding"/>
    /// with a symmetric zero padding (strided residual blocks).
    /// </summary>
    public static Module<Tensor, Tensor> Conv(int axes, int inChannels, int filters, int kernel, int stride, ConvPadding padding, int dilation, int? explicitPadding = null) =>
        axes == 2
            ? new UnfoldedConv2d(inChannels, filters, kernel, stride, dilation, padding, explicitPadding)
            : new UnfoldedConv1d(inChannels, filters, kernel, stride, dilation, padding, explicitPadding);

    /// <summary>Whether a module is a batch norm of either kind (they cannot normalise a single row in training).</summary>
    public static bool IsBatchNorm(Module module) => module is TorchSharp.Modules.BatchNorm1d or TorchSharp.Modules.BatchNorm2d;
}
