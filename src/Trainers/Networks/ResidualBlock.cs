using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers.Networks;

/// <summary>The module for <see cref="ResidualBlockSpec"/>: act(x + F(x)) with a 1×1 projection when channels change.</summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> body;
    private readonly Module<Tensor, Tensor> skip;
    private readonly Module<Tensor, Tensor> after;

    public ResidualBlock(string name, ResidualBlockSpec spec, int inChannels) : base(name)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv_a", Layers.Conv(inChannels, spec.Filters, spec.KernelSize, 1, ConvPadding.Same, spec.Dilation)),
        };
        if (spec.BatchNorm) layers.Add(("bn_a", BatchNorm1d(spec.Filters)));
        layers.Add(("act_a", Layers.Activation(spec.Activation)));
        layers.Add(("conv_b", Layers.Conv(spec.Filters, spec.Filters, spec.KernelSize, 1, ConvPadding.Same, spec.Dilation)));
        if (spec.BatchNorm) layers.Add(("bn_b", BatchNorm1d(spec.Filters)));
        body = Sequential(layers);
        skip = inChannels == spec.Filters ? Identity() : Layers.Conv(inChannels, spec.Filters, 1, 1, ConvPadding.Valid, 1);
        var tail = new List<(string, Module<Tensor, Tensor>)> { ("act", Layers.Activation(spec.Activation)) };
        if (spec.Dropout > 0) tail.Add(("drop", Dropout(spec.Dropout)));
        after = Sequential(tail);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var residual = body.forward(input);
        using var shortcut = skip.forward(input);
        using var sum = residual.add(shortcut);
        return after.forward(sum);
    }
}
