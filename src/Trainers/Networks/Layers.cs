using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers.Networks;

/// <summary>Turns spec enums into TorchSharp modules.</summary>
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

    public static Module<Tensor, Tensor> Pool(Pooling pooling, int size) => pooling switch
    {
        Pooling.Max => MaxPool1d(size, size),
        Pooling.Average => AvgPool1d(size, size),
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "No pooling module for this kind."),
    };

    /// <summary>A Conv1d (see <see cref="UnfoldedConv1d"/> for why it is not libtorch's own).</summary>
    public static Module<Tensor, Tensor> Conv(int inChannels, int filters, int kernel, int stride, ConvPadding padding, int dilation) =>
        new UnfoldedConv1d(inChannels, filters, kernel, stride, dilation, padding);
}
