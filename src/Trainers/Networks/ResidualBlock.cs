using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The module for <see cref="ResidualBlockSpec"/>: act(F(x) + shortcut(x)), where the shortcut is a
/// 1×1 projection (strided like the block) when the channel count or size changes.
/// </summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> body;
    private readonly Module<Tensor, Tensor> skip;
    private readonly Module<Tensor, Tensor> after;

    public ResidualBlock(string name, ResidualBlockSpec spec, int inChannels, int axes) : base(name)
    {
        // Stride 1 uses same padding (any kernel); a strided block pads dilation·(k−1)/2 on each
        // side (odd kernels), so every axis becomes ceil(n / stride) as NetworkShapes says.
        int? strided = spec.Stride > 1 ? spec.Dilation * (spec.KernelSize - 1) / 2 : null;
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv_a", Layers.Conv(axes, inChannels, spec.Filters, spec.KernelSize, spec.Stride, ConvPadding.Same, spec.Dilation, strided)),
        };
        if (spec.BatchNorm) layers.Add(("bn_a", Layers.BatchNorm(spec.Filters)));
        layers.Add(("act_a", Layers.Activation(spec.Activation)));
        layers.Add(("conv_b", Layers.Conv(axes, spec.Filters, spec.Filters, spec.KernelSize, 1, ConvPadding.Same, spec.Dilation)));
        if (spec.BatchNorm) layers.Add(("bn_b", Layers.BatchNorm(spec.Filters)));
        body = Sequential(layers);
        skip = inChannels == spec.Filters && spec.Stride == 1
            ? Identity()
            : Layers.Conv(axes, inChannels, spec.Filters, 1, spec.Stride, ConvPadding.Valid, 1);
        var tail = new List<(string, Module<Tensor, Tensor>)> { ("act", Layers.Activation(spec.Activation)) };
        if (spec.Dropout > 0) tail.Add(("drop", Dropout(spec.Dropout)));
        after = Sequential(tail);
        RegisterComponents();
    }

    /// <summary>F: the two convolutions (with batch norms and the inner activation).</summary>
    internal Module<Tensor, Tensor> Body => body;

    /// <summary>The shortcut: identity or a 1×1 projection.</summary>
    internal Module<Tensor, Tensor> Skip => skip;

    /// <summary>What follows the sum: the activation, then dropout when the spec has it.</summary>
    internal Module<Tensor, Tensor> After => after;

    public override Tensor forward(Tensor input)
    {
        using var residual = body.forward(input);
        using var shortcut = skip.forward(input);
        using var sum = residual.add(shortcut, Scalars.One); // explicit alpha: Runtime/Scalars
        return after.forward(sum);
    }
}
