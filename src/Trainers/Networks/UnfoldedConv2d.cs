using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers.Networks;

/// <summary>
/// A 2-D convolution with square kernels and the same parameters, initialisation and output as
/// <c>nn.Conv2d</c>, computed as unfold + matrix multiply (im2col) whenever a gradient must flow
/// back into its input.
/// </summary>
/// <remarks>
/// libtorch 2.10's float32 CPU <c>conv2d</c> has the same fault as <c>conv1d</c> (see
/// <see cref="UnfoldedConv1d"/>): measured against float64 on the development VM, its input
/// gradient was off by 4 to 21 (absolute) for stride-1 convolutions, while weight gradients and
/// strided convolutions were right. <c>UnfoldedConvTests</c> checks this class against float64.
/// </remarks>
internal sealed class UnfoldedConv2d : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly long _stride, _dilation, _padBefore, _padAfter;

    // explicitPadding: zeros on each side of both axes, overriding padding (strided residual blocks).
    public UnfoldedConv2d(long inChannels, long outChannels, long kernel, long stride, long dilation, ConvPadding padding, long? explicitPadding = null) : base(nameof(UnfoldedConv2d))
    {
        // Borrow nn.Conv2d's initialisation (and its draws from the global generator) so seeded runs stay comparable.
        using (var reference = Conv2d(inChannels, outChannels, kernel, stride: stride, dilation: dilation))
        {
            weight = new Parameter(reference.weight!.detach().clone());
            bias = new Parameter(reference.bias!.detach().clone());
        }
        _stride = stride;
        _dilation = dilation;
        long total = explicitPadding is long both ? 2 * both : padding == ConvPadding.Same ? dilation * (kernel - 1) : 0;
        _padBefore = total / 2;               // as PyTorch's padding='same': the odd extra row/column goes after
        _padAfter = total - _padBefore;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long filters = weight.shape[0];
        long kernel = weight.shape[2];
        var x = _padBefore + _padAfter > 0 ? nn.functional.pad(input, [_padBefore, _padAfter, _padBefore, _padAfter]) : input;
        // libtorch's own kernel is faster when no gradient flows back into the input, but only right
        // for some channel counts on CPU (NativeConvolution).
        if (!input.requires_grad && NativeConvolution.ForwardIsReliable(input.device, weight.shape[1]))
            return nn.functional.conv2d(x, weight, bias, strides: [_stride, _stride], dilation: [_dilation, _dilation]).MoveToOuterDisposeScope();

        long span = _dilation * (kernel - 1) + 1;
        long outHeight = (x.shape[2] - span) / _stride + 1, outWidth = (x.shape[3] - span) / _stride + 1;
        var columns = nn.functional.unfold(x, (kernel, kernel), (_dilation, _dilation), (0, 0), (_stride, _stride)); // N, C·k·k, H'·W'
        var output = weight.reshape(filters, -1).matmul(columns).add(bias.view(1, filters, 1), Runtime.Scalars.One); // N, F, H'·W' (explicit alpha: Runtime/Scalars)
        return output.view(input.shape[0], filters, outHeight, outWidth).MoveToOuterDisposeScope();
    }
}
