using Cnn.MLNet.Transforms;
using Cnn.MLNet.Transforms.OneHot;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The reverse complement of one-hot nucleic-acid rows (channel-major channels × positions):
/// positions reversed and each channel mapped to the channel of its reverse complement. At order 1
/// that swaps each base with its pair (A↔T, C↔G; A↔U for RNA) and a soft-mask channel stays itself;
/// at order k each k-mer channel maps to the channel of the reverse-complement k-mer (AC↔GT, AT↔AT),
/// because the k-mer starting at base i of the reverse complement is the reverse complement of the
/// k-mer starting at base L − k − i. Built from the input's encoding spec, so it follows whatever
/// channel order the encoder wrote.
/// </summary>
internal sealed class StrandComplement
{
    private StrandComplement(int[] permutation, int length)
    {
        Permutation = permutation;
        Length = length;
    }

    /// <summary>Channel c of the reverse complement is channel Permutation[c] of the original.</summary>
    public int[] Permutation { get; }

    /// <summary>Positions per row.</summary>
    public int Length { get; }

    /// <summary>The complement for a one-hot DNA/RNA input, or null for protein, plain vectors and images.</summary>
    public static StrandComplement? For(InputShape input)
    {
        if (input.IsImage || input.Encoding is not { Alphabet: SequenceAlphabet.Dna or SequenceAlphabet.Rna } encoding) return null;
        var pairs = AlphabetDefinition.For(encoding.Alphabet).ComplementChannel!;
        var kmers = KmerChannels.ReverseComplementPermutation(pairs, encoding.Order);
        var permutation = Enumerable.Range(0, encoding.ChannelCount).Select(c => c < kmers.Length ? kmers[c] : c).ToArray();
        return new StrandComplement(permutation, encoding.Positions);
    }

    /// <summary>The complement, or an error naming <paramref name="feature"/> and what it needs.</summary>
    /// <exception cref="ArgumentException">The input is not one-hot DNA or RNA.</exception>
    public static StrandComplement Require(InputShape input, string what, string feature) =>
        For(input) ?? throw new ArgumentException($"Cnn trainer: {what} needs one-hot DNA or RNA (ml.Transforms.OneHotEncodeSequence with the Dna or Rna alphabet), "
            + $"but feature column '{feature}' holds {(input.IsImage ? "images" : input.Encoding is { } e ? $"{e.Alphabet} sequences" : "plain vectors")} ({input}).");

    /// <summary>Writes the reverse complement of one row (channels × length) into <paramref name="target"/>.</summary>
    public void Apply(ReadOnlySpan<float> row, Span<float> target)
    {
        int length = Length;
        for (int c = 0; c < Permutation.Length; c++)
        {
            var source = row.Slice(Permutation[c] * length, length);
            var destination = target.Slice(c * length, length);
            for (int p = 0; p < length; p++) destination[p] = source[length - 1 - p];
        }
    }

    /// <summary>The reverse complement of a batch of flat rows (batch, channels × length), on the rows' device.</summary>
    public Tensor Apply(Tensor rows)
    {
        using var scope = NewDisposeScope();
        using var index = tensor(Permutation.Select(c => (long)c).ToArray(), device: rows.device);
        var shaped = rows.view(rows.shape[0], Permutation.Length, Length);
        return shaped.index_select(1, index).flip(2).reshape(rows.shape[0], -1).MoveToOuterDisposeScope();
    }
}
