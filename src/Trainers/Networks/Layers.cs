using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Turns spec enums into TorchSharp modules, for sequences (axes = 1: Conv1d, BatchNorm1d,
/// MaxPool1d, …) or images (axes = 2: the 2-D modules, square windows).
/// </summary>
internal static class Layers
{
    public static Module<Tensor, Tensor> Activation(Activation activation) => activation switch
    {
        Trainers.Activation.None => Identity(),
        Trainers.Activation.Relu => ReLU(),
        Trainers.Activation.Gelu => GELU(),
        Trainers.Activation.Elu => new EluLayer(),
        Trainers.Activation.Tanh => Tanh(),
        Trainers.Activation.Sigmoid => Sigmoid(),
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

    /// <summary>Batch norm over the channels of a sequence, image or flat layer (one module for every rank: <see cref="BatchNormLayer"/>).</summary>
    public static Module<Tensor, Tensor> BatchNorm(int features) => new BatchNormLayer(features);

    /// <summary>
    /// libtorch's own convolution (<c>nn.Conv1d</c> for sequences, <c>nn.Conv2d</c> with square
    /// kernels for images). Same padding keeps the size (stride 1; an even total goes one more after,
    /// as PyTorch's <c>padding='same'</c>); <paramref name="explicitPadding"/> overrides
    /// <paramref name="padding"/> with a symmetric zero padding (strided residual blocks).
    /// </summary>
    /// <remarks>
    /// Until this project's version 0.1 these were unfold + matmul modules, for a suspected libtorch
    /// float32 kernel bug that turned out to be TorchSharp's Scalar finalizer race (docs/CONV-KERNELS.md).
    /// Their parameters had the same names, shapes and initialisation, so models saved then load here.
    /// </remarks>
    public static Module<Tensor, Tensor> Conv(int axes, int inChannels, int filters, int kernel, int stride, ConvPadding padding, int dilation, int? explicitPadding = null)
    {
        if (explicitPadding is int both)
            return axes == 2
                ? Conv2d(inChannels, filters, kernel, stride: stride, padding: both, dilation: dilation)
                : Conv1d(inChannels, filters, kernel, stride: stride, padding: both, dilation: dilation);
        if (padding == ConvPadding.Same)
            return axes == 2
                ? Conv2d(inChannels, filters, kernel, Padding.Same, stride: stride, dilation: dilation)
                : Conv1d(inChannels, filters, kernel, Padding.Same, stride: stride, dilation: dilation);
        return axes == 2
            ? Conv2d(inChannels, filters, kernel, stride: stride, dilation: dilation)
            : Conv1d(inChannels, filters, kernel, stride: stride, dilation: dilation);
    }

    /// <summary>Whether a module is a batch norm of either kind (they cannot normalise a single row in training).</summary>
    public static bool IsBatchNorm(Module module) => module is BatchNormLayer;
}
