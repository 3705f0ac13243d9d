using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A reverse-complement-equivariant first convolution (Shrikumar et al. 2017): every filter is
/// applied to both strands with the same weights, giving 2 × filters channels — the filters on
/// the given strand, then the same filters on the reverse complement, flipped back to the given
/// strand's positions. Reverse-complementing the input flips the output's positions and swaps its
/// two halves, so a motif is found with one set of weights whichever strand carries it.
/// </summary>
/// <remarks>
/// Computed as conv(x) ‖ flip(conv(rc(x))), which equals conv(x, W) ‖ conv(x, rc(W)) for valid or
/// symmetric same padding and stride 1 (NetworkShapes enforces both), with one inner convolution
/// module whose weights both strands share.
/// </remarks>
internal sealed class StrandSharedConv1d : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> conv;
    private readonly long[] _permutation;

    public StrandSharedConv1d(Module<Tensor, Tensor> convolution, int[] channelPermutation) : base(nameof(StrandSharedConv1d))
    {
        conv = convolution;
        _permutation = channelPermutation.Select(c => (long)c).ToArray();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var index = tensor(_permutation, device: input.device);
        var forwardStrand = conv.forward(input);
        var reverseStrand = conv.forward(input.index_select(1, index).flip(2)).flip(2);
        return cat([forwardStrand, reverseStrand], 1).MoveToOuterDisposeScope();
    }
}
