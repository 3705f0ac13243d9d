namespace Cnn.MLNet.Genomics.Tests.Data;

public sealed class LabelParsingTests : IDisposable
{
    private readonly SequenceFileFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Boolean_labels_accept_0_1_true_false_in_any_case_with_whitespace()
    {
        string path = _files.Write("binary.csv", "Sequence,Label\nA,0\nC,1\nG,TRUE\nT,false\nA, True \nC,\" 0\"\n");

        var labels = SequenceFileFixture.ReadAll(_files.Load(path, SequenceLabelKind.Boolean)).Select(r => r[1]).ToArray();

        Assert.Equal(new object[] { false, true, true, false, true, false }, labels);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("yes")]
    [InlineData("1.0")]
    public void A_bad_binary_label_names_file_line_column_and_value(string label)
    {
        string path = _files.Write("binding.tsv", $"Sequence\tLabel\nACGT\t1\n\nACGT\t{label}\n");

        var error = SequenceFileFixture.ReadError(_files.Load(path, SequenceLabelKind.Boolean));

        Assert.Equal($"{path} line 4, column 'Label': '{label}' is not a binary label (expected 0, 1, true or false).", error.Message);
    }

    [Fact]
    public void Single_labels_are_invariant_culture_numbers()
    {
        string path = _files.Write("activity.tsv", "Sequence\tLabel\nA\t0.25\nC\t-1.5e2\nG\t 3 \nT\t1E-3\n");
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // decimal comma must not matter
        try
        {
            var labels = SequenceFileFixture.ReadAll(_files.Load(path, SequenceLabelKind.Single)).Select(r => r[1]).ToArray();
            Assert.Equal(new object[] { 0.25f, -150f, 3f, 0.001f }, labels);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("NaN", "'NaN': label is not finite.")]
    [InlineData("Infinity", "'Infinity': label is not finite.")]
    [InlineData("-infinity", "'-infinity': label is not finite.")]
    [InlineData("1e999", "'1e999': label is not finite.")]
    [InlineData("0,5", "'0,5' is not a number (expected an invariant-culture number such as 0.5 or -1.2e3).")]
    [InlineData("high", "'high' is not a number (expected an invariant-culture number such as 0.5 or -1.2e3).")]
    public void A_bad_regression_label_names_file_line_column_and_value(string label, string problem)
    {
        string path = _files.Write("activity.tsv", $"Sequence\tactivity\nACGT\t{label}\n");

        var error = SequenceFileFixture.ReadError(SequenceFiles.Load(_files.ML, path,
            new SequenceFileOptions { LabelColumn = "activity", LabelKind = SequenceLabelKind.Single }));

        Assert.Equal($"{path} line 2, column 'activity': {problem}", error.Message);
    }

    [Fact]
    public void Text_labels_are_kept_as_written_without_surrounding_whitespace()
    {
        string path = _files.Write("classes.csv", "Sequence,Label\nA,promoter\nC, Enhancer \nG,\"CTCF site\"\n");

        var labels = SequenceFileFixture.ReadAll(_files.Load(path)).Select(r => r[1]).ToArray();

        Assert.Equal(new object[] { "promoter", "Enhancer", "CTCF site" }, labels);
    }

    [Theory]
    [InlineData(SequenceLabelKind.Boolean)]
    [InlineData(SequenceLabelKind.Single)]
    [InlineData(SequenceLabelKind.Text)]
    public void An_empty_label_is_an_error_for_every_kind(SequenceLabelKind kind)
    {
        string path = _files.Write("gap.csv", "Sequence,Label\nACGT,  \n");

        var error = SequenceFileFixture.ReadError(_files.Load(path, kind));

        Assert.Equal($"{path} line 2, column 'Label': the label is empty ('  ').", error.Message);
    }

    [Fact]
    public void A_long_value_is_shortened_in_the_message()
    {
        string label = new('x', 200);
        string path = _files.Write("long.tsv", $"Sequence\tLabel\nACGT\t{label}\n");

        var error = SequenceFileFixture.ReadError(_files.Load(path, SequenceLabelKind.Boolean));

        Assert.Contains($"'{new string('x', 80)}…' (200 characters) is not a binary label", error.Message);
    }
}
