using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers.Networks;

/// <summary>
/// A 1-D convolution with the same parameters, initialisation and output as <c>nn.Conv1d</c>,
/// computed as unfold + matrix multiply (im2col) whenever a gradient must flow back into its input.
/// </summary>
/// <remarks>
/// Why not <c>nn.Conv1d</c>: in libtorch 2.10 (TorchSharp 0.107) on CPU, the float32 gradient of
/// <c>conv1d</c> with respect to its <em>input</em> was wrong in about half of the cases we checked
/// against float64 (nondeterministically, with stray zeros or NaN — uninitialised memory; weight
/// gradients were right). Single-convolution networks never use that gradient, but every deeper
/// network back-propagates through it, and saliency is that gradient. Unfold and matmul have
/// reliable backward passes; <c>UnfoldedConv1dTests</c> checks ours against float64 and fails
/// loudly if this class is ever replaced by the native operator while the bug remains.
/// </remarks>
internal sealed class UnfoldedConv1d : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly long _stride, _dilation, _padLeft, _padRight;

    // explicitPadding: zeros on each side, overriding padding (strided residual blocks).
    public UnfoldedConv1d(long inChannels, long outChannels, long kernel, long stride, long dilation, ConvPadding padding, long? explicitPadding = null) : base(nameof(UnfoldedConv1d))
    {
        // Borrow nn.Conv1d's initialisation (and its draws from the global generator) so seeded runs stay comparable.
        using (var reference = Conv1d(inChannels, outChannels, kernel, stride: stride, dilation: dilation))
        {
            weight = new Parameter(reference.weight!.detach().clone());
            bias = new Parameter(reference.bias!.detach().clone());
        }
        _stride = stride;
        _dilation = dilation;
        long total = explicitPadding is long both ? 2 * both : padding == ConvPadding.Same ? dilation * (kernel - 1) : 0;
        _padLeft = total / 2;                 // as PyTorch's padding='same': the odd extra column goes right
        _padRight = total - _padLeft;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long filters = weight.shape[0], channels = weight.shape[1], kernel = weight.shape[2];
        long span = _dilation * (kernel - 1) + 1;
        var x = _padLeft + _padRight > 0 ? nn.functional.pad(input, [_padLeft, _padRight]) : input;
        // libtorch's own kernel is faster whenever no gradient flows back into the input (inference,
        // and the first layer in training: its weight gradient is right), but its forward pass is
        // only right for some channel counts on CPU (NativeConvolution).
        if (!input.requires_grad && NativeConvolution.ForwardIsReliable(input.device, channels))
            return nn.functional.conv1d(x, weight, bias, stride: _stride, dilation: _dilation).MoveToOuterDisposeScope();
        var windows = x.unfold(2, span, _stride);                                   // N, C, L', span
        if (_dilation > 1) windows = windows[TensorIndex.Ellipsis, TensorIndex.Slice(0, null, _dilation)];
        var columns = windows.permute(0, 2, 1, 3).reshape(input.shape[0], windows.shape[2], channels * kernel); // N, L', C·k
        var output = columns.matmul(weight.reshape(filters, channels * kernel).t()).add(bias, Runtime.Scalars.One);   // N, L', F (explicit alpha: Runtime/Scalars)
        return output.permute(0, 2, 1).contiguous().MoveToOuterDisposeScope();                              // N, F, L'
    }
}
