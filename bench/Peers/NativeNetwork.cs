using Cnn.MLNet.Trainers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// The network a plain TorchSharp user would write for a preset: TorchSharp's own modules
/// (<c>nn.Conv1d</c>/<c>nn.Conv2d</c> with the same padding, BatchNorm, ReLU, MaxPool, Linear,
/// Dropout) in one <c>Sequential</c>, built from the preset's <see cref="NetworkSpec"/> so the
/// architecture cannot drift from ours. It takes input already shaped (batch, channels, length) or
/// (batch, channels, height, width). It shares no code with <c>CnnNetwork</c> (TorchSharp's own
/// BatchNorm and ELU where ours has its own modules), so the baseline is what a plain user writes.
/// </summary>
public static class NativeNetwork
{
    /// <summary>Builds the network for <paramref name="input"/>; the output has 1 logit (binary) or one per class.</summary>
    public static Sequential Build(NetworkSpec spec, PeerInput input)
    {
        int axes = input.Height is null ? 1 : 2;
        var trunk = new List<(string, Module<Tensor, Tensor>)>();
        int channels = input.Channels;
        for (int i = 0; i < spec.Trunk.Count; i++)
        {
            int b = i + 1;
            switch (spec.Trunk[i])
            {
                case ConvBlockSpec conv:
                    if (conv.StrandShared) throw new NotSupportedException("Strand-shared convolutions have no native module.");
                    trunk.Add(($"conv{b}", Conv(axes, channels, conv.Filters, conv.KernelSize, conv.Stride, conv.Padding, conv.Dilation)));
                    if (conv.BatchNorm) trunk.Add(($"bn{b}", BatchNorm(axes, conv.Filters)));
                    trunk.Add(($"act{b}", Activation(conv.Activation)));
                    if (conv.Pool != Pooling.None) trunk.Add(($"pool{b}", Pool(axes, conv.Pool, conv.PoolSize)));
                    if (conv.Dropout > 0) trunk.Add(($"drop{b}", Dropout(conv.Dropout)));
                    channels = conv.Filters;
                    break;
                case ResidualBlockSpec res:
                    trunk.Add(($"res{b}", new NativeResidualBlock($"res{b}", res, channels, axes)));
                    channels = res.Filters;
                    break;
                case GlobalPoolSpec pool:
                    trunk.Add(($"globalpool{b}", GlobalPool(axes, pool.Kind)));
                    break;
            }
        }
        trunk.Add(("flatten", Flatten()));

        // The head's input size: one dry forward pass through the trunk's modules (as one would in
        // a notebook). Not through a throwaway Sequential: disposing it would dispose the modules.
        long features;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            long[] shape = input.Height is int h ? [2, input.Channels, h, input.Length] : [2, input.Channels, input.Length];
            var x = torch.zeros(shape);
            foreach (var (_, module) in trunk)
            {
                module.eval(); // batch norms: no running-statistics update from the zeros
                x = module.forward(x);
            }
            features = x.shape[1];
        }

        var layers = new List<(string, Module<Tensor, Tensor>)>(trunk);
        for (int i = 0; i < spec.Head.Count; i++)
        {
            var dense = spec.Head[i];
            string name = $"dense{i + 1}";
            layers.Add((name, Linear(features, dense.Units)));
            if (dense.BatchNorm) layers.Add(($"{name}_bn", BatchNorm1d(dense.Units)));
            layers.Add(($"{name}_act", Activation(dense.Activation)));
            if (dense.Dropout > 0) layers.Add(($"{name}_drop", Dropout(dense.Dropout)));
            features = dense.Units;
        }
        layers.Add(("output", Linear(features, input.IsBinary ? 1 : input.Classes)));
        return Sequential(layers);
    }

    /// <summary>A native convolution; same padding as PyTorch's <c>padding='same'</c>.</summary>
    internal static Module<Tensor, Tensor> Conv(int axes, int inChannels, int filters, int kernel, int stride, ConvPadding padding, int dilation)
    {
        if (padding == ConvPadding.Same && stride != 1) throw new NotSupportedException("Same padding needs stride 1.");
        var mode = padding == ConvPadding.Same ? Padding.Same : Padding.Valid;
        return axes == 2
            ? Conv2d(inChannels, filters, kernel, mode, stride: stride, dilation: dilation)
            : Conv1d(inChannels, filters, kernel, mode, stride: stride, dilation: dilation);
    }

    internal static Module<Tensor, Tensor> BatchNorm(int axes, int features) => axes == 2 ? BatchNorm2d(features) : BatchNorm1d(features);

    internal static Module<Tensor, Tensor> Activation(Activation activation) => activation switch
    {
        Trainers.Activation.None => Identity(),
        Trainers.Activation.Relu => ReLU(),
        Trainers.Activation.Gelu => GELU(),
        Trainers.Activation.Elu => ELU(),
        Trainers.Activation.Tanh => Tanh(),
        Trainers.Activation.Sigmoid => Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    private static Module<Tensor, Tensor> Pool(int axes, Pooling pooling, int size) => (pooling, axes) switch
    {
        (Pooling.Max, 1) => MaxPool1d(size, size),
        (Pooling.Average, 1) => AvgPool1d(size, size),
        (Pooling.Max, 2) => MaxPool2d(size, size),
        (Pooling.Average, 2) => AvgPool2d(size, size),
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "No pooling module."),
    };

    private static Module<Tensor, Tensor> GlobalPool(int axes, Pooling pooling) => (pooling, axes) switch
    {
        (Pooling.Max, 1) => AdaptiveMaxPool1d(1),
        (Pooling.Average, 1) => AdaptiveAvgPool1d(1),
        (Pooling.Max, 2) => AdaptiveMaxPool2d([1, 1]),
        (Pooling.Average, 2) => AdaptiveAvgPool2d(1),
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "No global pooling module."),
    };
}
