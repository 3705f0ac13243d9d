using Cnn.MLNet.Transforms.OneHot;
using static Cnn.MLNet.Transforms.Tests.TestData;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>
/// Higher-order one-hot encoding (Options.Order = k): one channel per k-mer in lexicographic order,
/// Length − k + 1 positions, k-mer columns as products of their bases' columns.
/// </summary>
public sealed class KmerEncodingTests
{
    private static float[] EncodeKmers(string sequence, int length, int order, SequenceAlphabet alphabet = SequenceAlphabet.Dna,
        SequenceAnchor anchor = SequenceAnchor.Left, bool reverseComplement = false, UnknownCharacterPolicy unknown = UnknownCharacterPolicy.Error) =>
        Encode(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            Length = length,
            Order = order,
            Alphabet = alphabet,
            Anchor = anchor,
            ReverseComplement = reverseComplement,
            UnknownCharacters = unknown,
        }, sequence)[0];

    // A matrix of zeros with a 1 at each (channel, position).
    private static float[,] Hot(int channels, int positions, params (int Channel, int Position)[] ones)
    {
        var matrix = new float[channels, positions];
        foreach (var (c, p) in ones) matrix[c, p] = 1;
        return matrix;
    }

    [Fact]
    public void Order_2_encodes_each_dinucleotide_at_the_position_of_its_first_base()
    {
        // ACGT: AC at 0 (channel 0·4 + 1 = 1), CG at 1 (1·4 + 2 = 6), GT at 2 (2·4 + 3 = 11).
        AssertMatrix(Hot(16, 3, (1, 0), (6, 1), (11, 2)), EncodeKmers("ACGT", 4, order: 2));
    }

    [Fact]
    public void Order_3_encodes_each_trinucleotide_at_the_position_of_its_first_base()
    {
        // ACGTA: ACG = 0·16 + 1·4 + 2 = 6, CGT = 16 + 8 + 3 = 27, GTA = 32 + 12 + 0 = 44.
        AssertMatrix(Hot(64, 3, (6, 0), (27, 1), (44, 2)), EncodeKmers("ACGTA", 5, order: 3));
    }

    [Fact]
    public void Channels_are_kmers_in_lexicographic_alphabet_order_and_positions_are_length_minus_order_plus_one()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 10, order: 2);
        Assert.Equal(["AA", "AC", "AG", "AT", "CA", "CC", "CG", "CT", "GA", "GC", "GG", "GT", "TA", "TC", "TG", "TT"], spec.Channels);
        Assert.Equal(10, spec.Length);
        Assert.Equal(9, spec.Positions);
        Assert.Equal(16 * 9, spec.VectorSize);

        var trimers = new SequenceEncodingSpec(SequenceAlphabet.Dna, 10, order: 3);
        Assert.Equal(64, trimers.ChannelCount);
        Assert.Equal("AAA", trimers.Channels[0]);
        Assert.Equal("ACG", trimers.Channels[6]);
        Assert.Equal("TTT", trimers.Channels[63]);
        Assert.Equal(8, trimers.Positions);
        Assert.Equal(64 * 8, EncodeKmers("ACGTACGTAC", 10, order: 3).Length);
    }

    [Fact]
    public void Kmers_that_touch_padding_are_all_zero()
    {
        // ACG in 5 bases, left: window A C G - -; positions AC, CG, G-, --.
        AssertMatrix(Hot(16, 4, (1, 0), (6, 1)), EncodeKmers("ACG", 5, order: 2));
        // Right: - - A C G; positions --, -A, AC, CG.
        AssertMatrix(Hot(16, 4, (1, 2), (6, 3)), EncodeKmers("ACG", 5, order: 2, anchor: SequenceAnchor.Right));
    }

    [Fact]
    public void Kmers_over_a_zeroed_unknown_character_or_gap_are_all_zero()
    {
        // A X G T - C: AX, XG zero; GT at 2; T- and -C zero.
        AssertMatrix(Hot(16, 5, (11, 2)), EncodeKmers("AXGT-C", 6, order: 2, unknown: UnknownCharacterPolicy.Zeros));
    }

    [Fact]
    public void An_unknown_character_under_the_error_policy_names_column_and_row()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Encode(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            Length = 4,
            Order = 2,
        }, "ACGT", "ACXT"));
        Assert.Contains("column 'Sequence', row 1", error.Message);
        Assert.Contains("'X'", error.Message);
    }

    [Fact]
    public void Ambiguity_codes_spread_over_the_kmers_they_stand_for()
    {
        // AN: AA, AC, AG, AT at ¼; AR: AA, AG at ½.
        var an = EncodeKmers("AN", 2, order: 2);
        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f], an[..4]);
        Assert.All(an[4..], v => Assert.Equal(0f, v));
        var ar = EncodeKmers("AR", 2, order: 2);
        Assert.Equal([0.5f, 0f, 0.5f, 0f], ar[..4]);
    }

    [Fact]
    public void Rna_kmers_use_U_and_read_T_as_U()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Rna, 4, order: 2);
        Assert.Equal("UU", spec.Channels[15]);
        Assert.Equal("GU", spec.Channels[11]);
        var expected = EncodeKmers("ACGU", 4, order: 2, alphabet: SequenceAlphabet.Rna);
        AssertMatrix(Hot(16, 3, (1, 0), (6, 1), (11, 2)), expected);
        Assert.Equal(expected, EncodeKmers("ACGT", 4, order: 2, alphabet: SequenceAlphabet.Rna));
    }

    [Fact]
    public void Protein_dipeptides_have_400_channels_and_tripeptides_are_refused()
    {
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Protein, 6, order: 2);
        Assert.Equal(400, spec.ChannelCount);
        Assert.Equal("AC", spec.Channels[1]);
        Assert.Equal("YY", spec.Channels[399]);
        // M, K, W are amino acids 10, 8, 18: MK = 10·20 + 8 = 208 at position 0, KW = 8·20 + 18 = 178 at 1.
        var encoded = EncodeKmers("MKW", 3, order: 2, alphabet: SequenceAlphabet.Protein);
        Assert.Equal(400 * 2, encoded.Length);
        Assert.Equal(1f, encoded[208 * 2 + 0]);
        Assert.Equal(1f, encoded[178 * 2 + 1]);
        Assert.Equal(2f, encoded.Sum());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotSequenceEstimator(new OneHotSequenceEstimator.Options
        {
            Alphabet = SequenceAlphabet.Protein,
            Order = 3,
            Length = 10,
        }));
        Assert.Equal("Order", error.ParamName);
        Assert.Contains("8,000 channels", error.Message);
        Assert.Contains("at most 1,024", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Orders_outside_1_to_4_are_refused_naming_the_option(int order)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotSequenceEstimator(new OneHotSequenceEstimator.Options { Order = order, Length = 10 }));
        Assert.Equal("Order", error.ParamName);
        Assert.Contains("between 1 and 4", error.Message);
    }

    [Fact]
    public void Soft_mask_channel_with_a_higher_order_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new OneHotSequenceEstimator(new OneHotSequenceEstimator.Options
        {
            Order = 2,
            Length = 10,
            SoftMaskChannel = true,
        }));
        Assert.Equal("Order", error.ParamName);
        Assert.Contains("soft-mask channel needs Order = 1", error.Message);
    }

    [Fact]
    public void A_window_shorter_than_one_kmer_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotSequenceEstimator(new OneHotSequenceEstimator.Options { Order = 3, Length = 2 }));
        Assert.Contains("between 3 and", error.Message);
        Assert.Contains("the length counts bases", error.Message);

        var learned = Assert.Throws<InvalidOperationException>(() => Encode(new OneHotSequenceEstimator.Options { InputColumnName = "Sequence", Order = 3 }, "AC", "A"));
        Assert.Contains("longest sequence in column 'Sequence' has 2 base(s), but Order = 3", learned.Message);
    }

    [Fact]
    public void A_learned_length_counts_bases()
    {
        var ml = NewContext();
        var transformer = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options { InputColumnName = "Sequence", Order = 2 })
            .Fit(Load(ml, "ACGTA", "AC"));
        Assert.Equal(5, transformer.Spec.Length);
        Assert.Equal(4, transformer.Spec.Positions);
        Assert.Equal(16 * 4, ((Microsoft.ML.Data.VectorDataViewType)transformer.GetOutputSchema(Load(ml, "A").Schema)["Features"].Type).Size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Encoding_the_reverse_complement_is_the_permuted_and_flipped_encoding(int order)
    {
        var random = new Random(7);
        var permutation = KmerChannels.ReverseComplementPermutation([3, 2, 1, 0], order);
        var spec = new SequenceEncodingSpec(SequenceAlphabet.Dna, 12, order: order);
        for (int trial = 0; trial < 5; trial++)
        {
            string sequence = new(Enumerable.Range(0, 12).Select(_ => "ACGTNRY"[random.Next(7)]).ToArray());
            var forward = EncodeKmers(sequence, 12, order);
            var reverse = EncodeKmers(ReverseComplement(sequence), 12, order);
            int positions = spec.Positions;
            var mapped = new float[forward.Length];
            for (int c = 0; c < spec.ChannelCount; c++)
                for (int p = 0; p < positions; p++)
                    mapped[c * positions + p] = forward[permutation[c] * positions + positions - 1 - p];
            Assert.Equal(reverse, mapped);
            // And the ReverseComplement option encodes exactly that.
            Assert.Equal(reverse, EncodeKmers(sequence, 12, order, reverseComplement: true));
        }
        // The permutation maps AC ↔ GT and fixes the palindrome AT.
        if (order == 2)
        {
            Assert.Equal(11, permutation[1]);
            Assert.Equal(1, permutation[11]);
            Assert.Equal(3, permutation[3]);
        }
    }

    [Fact]
    public void The_reverse_complement_option_places_the_window_before_flipping_at_higher_orders()
    {
        // ACG in 5 bases, left: A C G - -; its reverse complement is - - C G T.
        Assert.Equal(EncodeKmers("--CGT", 5, order: 2), EncodeKmers("ACG", 5, order: 2, reverseComplement: true));
    }

    private static string ReverseComplement(string sequence) =>
        new(sequence.Reverse().Select(c => c switch { 'A' => 'T', 'C' => 'G', 'G' => 'C', 'T' => 'A', 'R' => 'Y', 'Y' => 'R', _ => c }).ToArray());
}
