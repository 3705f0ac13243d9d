using static Cnn.MLNet.Transforms.Tests.TestData;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>
/// Reverse complement = the encoding of the reverse complement of the anchored window.
/// </summary>
public sealed class ReverseComplementTests
{
    [Fact]
    public void Reverse_complement_flips_the_padded_window_and_the_mask_channel()
    {
        // Window (Left, length 6): A C g t - -; reverse complement: - - a c G T.
        AssertMatrix(new float[,]
        {
            { 0, 0, 1, 0, 0, 0 },  // A
            { 0, 0, 0, 1, 0, 0 },  // C
            { 0, 0, 0, 0, 1, 0 },  // G
            { 0, 0, 0, 0, 0, 1 },  // T
            { 0, 0, 1, 1, 0, 0 },  // softmask
        }, EncodeOne("ACgt", 6, softMask: true, reverseComplement: true));
    }

    [Fact]
    public void Iupac_codes_complement()
    {
        // Reverse of RYKMBVDHSWN is NWSHDVBMKYR; complemented: NWSDHBVKMRY.
        Assert.Equal(EncodeOne("NWSDHBVKMRY", 11), EncodeOne("RYKMBVDHSWN", 11, reverseComplement: true));
    }

    [Theory]
    [InlineData("ACGTTGA", 4, SequenceAnchor.Centre, "AACG")]  // window CGTT → AACG
    [InlineData("ACGTTGA", 4, SequenceAnchor.Right, "TCAA")]   // window TTGA → TCAA
    [InlineData("ACG", 6, SequenceAnchor.Centre, "--CGT-")]    // window -ACG-- → --CGT-
    [InlineData("ACG", 5, SequenceAnchor.Left, "--CGT")]       // window ACG-- → --CGT
    public void The_window_is_placed_on_the_given_strand_before_flipping(string sequence, int length, SequenceAnchor anchor, string equivalent)
    {
        Assert.Equal(EncodeOne(equivalent, length), EncodeOne(sequence, length, anchor, reverseComplement: true));
    }

    [Fact]
    public void Rna_complements_A_with_U()
    {
        Assert.Equal(
            EncodeOne("CGUU", 4, alphabet: SequenceAlphabet.Rna),
            EncodeOne("AACG", 4, alphabet: SequenceAlphabet.Rna, reverseComplement: true));
    }

    [Fact]
    public void Protein_reverse_complement_is_rejected_at_construction()
    {
        var ml = NewContext();
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            Alphabet = SequenceAlphabet.Protein,
            ReverseComplement = true,
        }));
        Assert.Equal("ReverseComplement", error.ParamName);
        Assert.Contains("DNA and RNA only", error.Message);
        Assert.Throws<ArgumentException>(() => new SequenceEncodingSpec(SequenceAlphabet.Protein, 10, reverseComplement: true));
    }
}
