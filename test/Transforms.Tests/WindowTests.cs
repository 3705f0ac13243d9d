using static Cnn.MLNet.Transforms.Tests.TestData;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>Padding, truncation and learned lengths. Padding columns are all zero, like gaps.</summary>
public sealed class WindowTests
{
    [Fact]
    public void Padding_columns_are_all_zero()
    {
        AssertMatrix(new float[,]
        {
            { 1, 0, 0, 0 },
            { 0, 1, 0, 0 },
            { 0, 0, 0, 0 },
            { 0, 0, 0, 0 },
        }, EncodeOne("AC", 4));
        AssertMatrix(new float[,]
        {
            { 0, 0, 1, 0 },
            { 0, 0, 0, 1 },
            { 0, 0, 0, 0 },
            { 0, 0, 0, 0 },
        }, EncodeOne("AC", 4, SequenceAnchor.Right));
    }

    [Theory]
    // Odd difference (3): Centre puts the extra padding column at the end.
    [InlineData("ACG", 6, SequenceAnchor.Left, "ACG---")]
    [InlineData("ACG", 6, SequenceAnchor.Right, "---ACG")]
    [InlineData("ACG", 6, SequenceAnchor.Centre, "-ACG--")]
    // Even difference (2).
    [InlineData("ACGT", 6, SequenceAnchor.Left, "ACGT--")]
    [InlineData("ACGT", 6, SequenceAnchor.Right, "--ACGT")]
    [InlineData("ACGT", 6, SequenceAnchor.Centre, "-ACGT-")]
    // Odd excess (3): Centre drops ⌊3/2⌋ = 1 from the start, 2 from the end.
    [InlineData("ACGTTGA", 4, SequenceAnchor.Left, "ACGT")]
    [InlineData("ACGTTGA", 4, SequenceAnchor.Right, "TTGA")]
    [InlineData("ACGTTGA", 4, SequenceAnchor.Centre, "CGTT")]
    // Even excess (2).
    [InlineData("ACGTTG", 4, SequenceAnchor.Left, "ACGT")]
    [InlineData("ACGTTG", 4, SequenceAnchor.Right, "GTTG")]
    [InlineData("ACGTTG", 4, SequenceAnchor.Centre, "CGTT")]
    // Exact fit: every anchor is the identity.
    [InlineData("ACGT", 4, SequenceAnchor.Centre, "ACGT")]
    public void Anchors_pad_and_truncate_as_documented(string sequence, int length, SequenceAnchor anchor, string equivalent)
    {
        Assert.Equal(EncodeOne(equivalent, length), EncodeOne(sequence, length, anchor));
    }

    [Fact]
    public void Learned_length_is_the_longest_training_sequence()
    {
        var ml = NewContext();
        var data = Load(ml, "ACG", "ACGTA", "A");
        var transformer = ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(data);
        Assert.Equal(5, transformer.Spec.Length);
        var rows = ReadColumn(transformer.Transform(data), "Features");
        Assert.All(rows, r => Assert.Equal(20, r.Length));
        Assert.Equal(EncodeOne("ACG--", 5), rows[0]);
    }

    [Fact]
    public void Learned_length_is_capped_by_max_length_and_longer_sequences_are_truncated()
    {
        var rows = Encode(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            MaxLength = 4,
            Anchor = SequenceAnchor.Right,
        }, "AC", "ACGTTG");
        Assert.Equal(16, rows[0].Length);
        Assert.Equal(EncodeOne("--AC", 4), rows[0]);
        Assert.Equal(EncodeOne("GTTG", 4), rows[1]);
    }

    [Fact]
    public void Scoring_data_longer_than_the_learned_length_is_truncated()
    {
        var ml = NewContext();
        var transformer = ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(Load(ml, "ACG"));
        var rows = ReadColumn(transformer.Transform(Load(ml, "TTTTTT")), "Features");
        Assert.Equal(EncodeOne("TTT", 3), rows[0]);
    }

    [Fact]
    public void Max_length_defaults_to_100000()
    {
        Assert.Equal(100_000, new OneHotSequenceEstimator.Options().MaxLength);
        Assert.Equal(100_000, OneHotSequenceEstimator.Options.DefaultMaxLength);
    }
}
