using static Cnn.MLNet.Transforms.Tests.TestData;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>Exact encodings of hand-worked sequences: bases, IUPAC codes, gaps, case, RNA, protein.</summary>
public sealed class EncodingTests
{
    private const float Half = 0.5f;
    private const float Third = 1f / 3f;
    private const float Quarter = 0.25f;

    [Fact]
    public void Bases_are_one_hot_in_ACGT_channel_order()
    {
        AssertMatrix(new float[,]
        {
            { 1, 0, 0, 0, 0 },  // A
            { 0, 1, 0, 0, 1 },  // C
            { 0, 0, 1, 0, 0 },  // G
            { 0, 0, 0, 1, 0 },  // T
        }, EncodeOne("ACGTC", 5));
    }

    [Theory]
    [InlineData('R', Half, 0f, Half, 0f)]
    [InlineData('Y', 0f, Half, 0f, Half)]
    [InlineData('S', 0f, Half, Half, 0f)]
    [InlineData('W', Half, 0f, 0f, Half)]
    [InlineData('K', 0f, 0f, Half, Half)]
    [InlineData('M', Half, Half, 0f, 0f)]
    [InlineData('B', 0f, Third, Third, Third)]
    [InlineData('D', Third, 0f, Third, Third)]
    [InlineData('H', Third, Third, 0f, Third)]
    [InlineData('V', Third, Third, Third, 0f)]
    [InlineData('N', Quarter, Quarter, Quarter, Quarter)]
    public void Iupac_codes_are_fractional_in_either_case(char code, float a, float c, float g, float t)
    {
        var expected = new float[,] { { a, a }, { c, c }, { g, g }, { t, t } };
        AssertMatrix(expected, EncodeOne($"{code}{char.ToLowerInvariant(code)}", 2));
        AssertMatrix(expected, EncodeOne($"{code}{char.ToLowerInvariant(code)}", 2, alphabet: SequenceAlphabet.Rna));
    }

    [Fact]
    public void Gaps_are_all_zero_columns()
    {
        AssertMatrix(new float[,]
        {
            { 1, 0, 0, 0 },
            { 0, 0, 0, 0 },
            { 0, 0, 0, 1 },
            { 0, 0, 0, 0 },
        }, EncodeOne("A-.G", 4));
    }

    [Theory]
    [InlineData("AZG")]
    [InlineData("AUG")]      // U is not DNA
    [InlineData("A G")]
    [InlineData("A\u00e9G")]  // outside ASCII
    [InlineData("A\u007fG")]  // DEL shares the table row of non-ASCII characters
    [InlineData("A*G")]
    public void Unknown_characters_are_zero_columns_under_the_zeros_policy(string sequence)
    {
        AssertMatrix(new float[,]
        {
            { 1, 0, 0 },
            { 0, 0, 0 },
            { 0, 0, 1 },
            { 0, 0, 0 },
        }, EncodeOne(sequence, 3, unknown: UnknownCharacterPolicy.Zeros));
    }

    [Theory]
    [InlineData("AZG")]
    [InlineData("AUG")]
    [InlineData("A\u00e9G")]
    public void Unknown_characters_are_errors_by_default(string sequence)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EncodeOne(sequence, 3));
        Assert.Contains("position 1 (0-based)", error.Message);
    }

    [Fact]
    public void Lowercase_encodes_like_uppercase_without_the_mask_channel()
    {
        Assert.Equal(EncodeOne("ACGTN", 5), EncodeOne("acgtn", 5));
    }

    [Fact]
    public void Soft_mask_channel_marks_lowercase_symbols_only()
    {
        AssertMatrix(new float[,]
        {
            { 1, 0, 0, 0,    0,    0, 0, 0 },  // A
            { 0, 1, 0, 0,    0,    0, 0, 0 },  // C
            { 0, 0, 1, 0,    0,    0, 0, 0 },  // G
            { 0, 0, 0, 1,    0,    0, 0, 0 },  // T
            { 0, 1, 0, 1,    0,    0, 0, 0 },  // softmask: c, t; not '-', not 'z' (unknown), not padding
        }, EncodeOne("AcGt-z", 8, softMask: true, unknown: UnknownCharacterPolicy.Zeros));

        var withMask = EncodeOne("nr", 2, softMask: true);
        AssertMatrix(new float[,]
        {
            { Quarter, Half },
            { Quarter, 0 },
            { Quarter, Half },
            { Quarter, 0 },
            { 1, 1 },
        }, withMask);
    }

    [Fact]
    public void Rna_reads_U_and_T_as_the_fourth_channel()
    {
        var expected = new float[,]
        {
            { 1, 0, 0, 0, 0 },  // A
            { 0, 1, 0, 0, 0 },  // C
            { 0, 0, 1, 0, 0 },  // G
            { 0, 0, 0, 1, 1 },  // U
        };
        AssertMatrix(expected, EncodeOne("ACGUT", 5, alphabet: SequenceAlphabet.Rna));
        AssertMatrix(expected, EncodeOne("acgut", 5, alphabet: SequenceAlphabet.Rna));
    }

    [Fact]
    public void Protein_amino_acids_are_one_hot_in_alphabetical_one_letter_order()
    {
        const string order = "ACDEFGHIKLMNPQRSTVWY";
        var encoded = EncodeOne(order + order.ToLowerInvariant(), 40, alphabet: SequenceAlphabet.Protein);
        Assert.Equal(20 * 40, encoded.Length);
        for (int channel = 0; channel < 20; channel++)
        {
            for (int position = 0; position < 40; position++)
            {
                float expected = position % 20 == channel ? 1f : 0f;
                Assert.True(expected == encoded[channel * 40 + position], $"channel {channel} position {position}");
            }
        }
    }

    [Fact]
    public void Protein_ambiguity_codes_split_evenly()
    {
        const string order = "ACDEFGHIKLMNPQRSTVWY";
        var encoded = EncodeOne("BZJX-", 5, alphabet: SequenceAlphabet.Protein);
        float At(char aminoAcid, int position) => encoded[order.IndexOf(aminoAcid) * 5 + position];

        float[] columnSums = Enumerable.Range(0, 5).Select(p => Enumerable.Range(0, 20).Sum(c => encoded[c * 5 + p])).ToArray();
        Assert.Equal(Half, At('D', 0));
        Assert.Equal(Half, At('N', 0));
        Assert.Equal(Half, At('E', 1));
        Assert.Equal(Half, At('Q', 1));
        Assert.Equal(Half, At('I', 2));
        Assert.Equal(Half, At('L', 2));
        Assert.All(order, aa => Assert.Equal(0.05f, At(aa, 3)));
        Assert.All(order, aa => Assert.Equal(0f, At(aa, 4)));
        Assert.Equal(2, Enumerable.Range(0, 20).Count(c => encoded[c * 5] != 0));
        Assert.Equal(new[] { 1f, 1f, 1f, 1f, 0f }, columnSums.Select(s => MathF.Round(s, 5)));
    }

    [Theory]
    [InlineData("U")]  // selenocysteine is not one of the 20 channels
    [InlineData("O")]
    [InlineData("*")]
    public void Protein_rejects_letters_outside_its_alphabet(string letter)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EncodeOne("AC" + letter, 3, alphabet: SequenceAlphabet.Protein));
        Assert.Contains($"'{letter}'", error.Message);
        Assert.Contains("position 2 (0-based)", error.Message);
    }
}
