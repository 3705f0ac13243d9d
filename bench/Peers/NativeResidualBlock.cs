using Cnn.MLNet.Trainers;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// ResNet's basic block from native modules, as <c>ResidualBlock</c> builds it: act(F(x) +
/// shortcut(x)), F = conv → [BN] → act → conv → [BN] with same padding, the shortcut a 1×1
/// convolution when the channel count changes. Stride 1 only (the dilated presets); strided
/// blocks would need PyTorch's explicit padding and are not among the compared networks.
/// </summary>
internal sealed class NativeResidualBlock : Module<Tensor, Tensor>
{
    // A rooted alpha for the addition: TorchSharp 0.107 makes the default alpha = 1 a temporary
    // Scalar freed by its finalizer, which can race with the native call (Runtime/Scalars).
    // Upstream: https://github.com/dotnet/TorchSharp/pull/1434 (open).
    private static readonly Scalar One = 1.0.ToScalar();

    private readonly Module<Tensor, Tensor> body;
    private readonly Module<Tensor, Tensor> skip;
    private readonly Module<Tensor, Tensor> after;

    public NativeResidualBlock(string name, ResidualBlockSpec spec, int inChannels, int axes) : base(name)
    {
        if (spec.Stride != 1) throw new NotSupportedException("Only stride-1 residual blocks are built natively here.");
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv_a", NativeNetwork.Conv(axes, inChannels, spec.Filters, spec.KernelSize, 1, ConvPadding.Same, spec.Dilation)),
        };
        if (spec.BatchNorm) layers.Add(("bn_a", NativeNetwork.BatchNorm(axes, spec.Filters)));
        layers.Add(("act_a", NativeNetwork.Activation(spec.Activation)));
        layers.Add(("conv_b", NativeNetwork.Conv(axes, spec.Filters, spec.Filters, spec.KernelSize, 1, ConvPadding.Same, spec.Dilation)));
        if (spec.BatchNorm) layers.Add(("bn_b", NativeNetwork.BatchNorm(axes, spec.Filters)));
        body = Sequential(layers);
        skip = inChannels == spec.Filters ? Identity() : NativeNetwork.Conv(axes, inChannels, spec.Filters, 1, 1, ConvPadding.Valid, 1);
        var tail = new List<(string, Module<Tensor, Tensor>)> { ("act", NativeNetwork.Activation(spec.Activation)) };
        if (spec.Dropout > 0) tail.Add(("drop", Dropout(spec.Dropout)));
        after = Sequential(tail);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var residual = body.forward(input);
        using var shortcut = skip.forward(input);
        using var sum = residual.add(shortcut, One);
        return after.forward(sum);
    }
}
