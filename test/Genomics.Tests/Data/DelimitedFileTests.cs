namespace Cnn.MLNet.Genomics.Tests.Data;

public sealed class DelimitedFileTests : IDisposable
{
    private readonly SequenceFileFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Tsv_gives_sequence_label_then_other_columns_in_file_order()
    {
        string path = _files.Write("binding.tsv", "id\tSequence\tscore\tLabel\nr1\tACGT\t0.5\t1\nr2\tacgtN\t0.7\t0\n");

        var view = _files.Load(path, SequenceLabelKind.Boolean);

        Assert.Equal(["Sequence:ReadOnlyMemory`1", "Label:Boolean", "id:ReadOnlyMemory`1", "score:ReadOnlyMemory`1"], SequenceFileFixture.Describe(view.Schema));
        var rows = SequenceFileFixture.ReadAll(view);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object[] { "ACGT", true, "r1", "0.5" }, rows[0]);
        Assert.Equal(new object[] { "acgtN", false, "r2", "0.7" }, rows[1]);
    }

    [Fact]
    public void Csv_handles_quoting_crlf_and_blank_lines()
    {
        string path = _files.Write("data.csv",
            "Name,Sequence,Label\r\n"
            + "\"Smith, J.\",ACGT,pos\r\n"
            + "\r\n"
            + "\"say \"\"hi\"\"\", \"GGCC\" ,neg\r\n"
            + "   \r\n"
            + "plain \"quote,TTTT,\"pos\"\r\n"
            + "\"\",AAAA,neg");

        var rows = SequenceFileFixture.ReadAll(_files.Load(path));

        Assert.Equal(4, rows.Count);
        Assert.Equal(new object[] { "ACGT", "pos", "Smith, J." }, rows[0]);
        Assert.Equal(new object[] { "GGCC", "neg", "say \"hi\"" }, rows[1]);
        Assert.Equal(new object[] { "TTTT", "pos", "plain \"quote" }, rows[2]);
        Assert.Equal(new object[] { "AAAA", "neg", "" }, rows[3]);
    }

    [Fact]
    public void Tsv_fields_may_be_quoted_and_a_byte_order_mark_is_ignored()
    {
        string path = Path.Combine(_files.Root, "bom.tsv");
        File.WriteAllText(path, "Sequence\tLabel\tnote\n\"AC\tGT\"\tx\t\"a \"\"b\"\"\"\n", new System.Text.UTF8Encoding(true));

        var rows = SequenceFileFixture.ReadAll(_files.Load(path));

        Assert.Equal(new object[] { "AC\tGT", "x", "a \"b\"" }, Assert.Single(rows));
    }

    [Fact]
    public void Custom_column_names_match_case_insensitively_and_the_output_is_always_Sequence_and_Label()
    {
        string path = _files.Write("custom.tsv", "Peak\tSEQ\tActivity\np1\tACGT\t2.5\n");

        var view = SequenceFiles.Load(_files.ML, path, new SequenceFileOptions
        {
            SequenceColumn = "seq",
            LabelColumn = "activity",
            LabelKind = SequenceLabelKind.Single,
        });

        Assert.Equal(["Sequence:ReadOnlyMemory`1", "Label:Single", "Peak:ReadOnlyMemory`1"], SequenceFileFixture.Describe(view.Schema));
        Assert.Equal(new object[] { "ACGT", 2.5f, "p1" }, Assert.Single(SequenceFileFixture.ReadAll(view)));
    }

    [Fact]
    public void Clashing_and_empty_header_names_are_renamed()
    {
        // The sequence comes from 'seq'; the file's own 'sequence', 'LABEL' and a repeated 'id' clash.
        string path = _files.Write("clash.tsv", "seq\tLabel\tsequence\tLABEL\tid\tid\t\tid_2\nACGT\t1\ts\tL\ta\tb\tc\td\n");

        var view = SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { SequenceColumn = "seq" });

        Assert.Equal(["Sequence", "Label", "sequence_2", "LABEL_2", "id", "id_2", "Column7", "id_2_2"], view.Schema.Select(c => c.Name).ToArray());
        Assert.Equal(new object[] { "ACGT", "1", "s", "L", "a", "b", "c", "d" }, Assert.Single(SequenceFileFixture.ReadAll(view)));
    }

    [Fact]
    public void An_exact_case_match_wins_and_case_only_duplicates_without_one_are_ambiguous()
    {
        string exact = _files.Write("exact.tsv", "sequence\tSequence\tLabel\nAAAA\tCCCC\tx\n");
        Assert.Equal("CCCC", SequenceFileFixture.ReadAll(_files.Load(exact))[0][0]);

        string ambiguous = _files.Write("ambiguous.tsv", "sequence\tSEQUENCE\tLabel\nAAAA\tCCCC\tx\n");
        var error = Assert.Throws<FormatException>(() => _files.Load(ambiguous));
        Assert.Contains("ambiguous.tsv line 1", error.Message);
        Assert.Contains("1 ('sequence'), 2 ('SEQUENCE')", error.Message);
    }

    [Fact]
    public void Label_kind_None_has_no_label_column_and_carries_a_label_column_as_text()
    {
        string path = _files.Write("predict.tsv", "Sequence\tLabel\tid\nACGT\t1\tr1\n");

        var view = _files.Load(path, SequenceLabelKind.None);

        Assert.Equal(["Sequence:ReadOnlyMemory`1", "Label:ReadOnlyMemory`1", "id:ReadOnlyMemory`1"], SequenceFileFixture.Describe(view.Schema));
        Assert.Equal(new object[] { "ACGT", "1", "r1" }, Assert.Single(SequenceFileFixture.ReadAll(view)));

        string noLabel = _files.Write("nolabel.tsv", "Sequence\nACGT\n");
        Assert.Equal(["Sequence"], _files.Load(noLabel, SequenceLabelKind.None).Schema.Select(c => c.Name).ToArray());
    }

    [Theory]
    [InlineData("seq", "y", "sequence", "seq")]
    [InlineData("Sequence", "Label", "label", "Label")]
    public void A_missing_column_is_named_with_the_file_and_the_columns_available(string sequenceColumn, string labelColumn, string role, string missing)
    {
        string path = _files.Write("missing.tsv", "Sequence\ty\tid\nACGT\t1\tr\n");
        var options = new SequenceFileOptions { SequenceColumn = sequenceColumn, LabelColumn = labelColumn };

        var error = Assert.Throws<ArgumentException>(() => SequenceFiles.Load(_files.ML, path, options));

        Assert.StartsWith($"{path} line 1 (header): there is no {role} column '{missing}'. Available columns: 'Sequence', 'y', 'id'. "
            + $"Set SequenceFileOptions.{(role == "label" ? "LabelColumn" : "SequenceColumn")} (--{role}-column)", error.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_an_error_at_its_line_counting_blank_lines()
    {
        string path = _files.Write("fields.csv", "Sequence,Label\nACGT,a\n\nCCCC,b,extra\n");

        var error = SequenceFileFixture.ReadError(_files.Load(path));

        Assert.StartsWith($"{path} line 4: expected 2 comma-separated fields, as in the header (Sequence, Label), but found 3: 'CCCC,b,extra'.", error.Message);
    }

    [Theory]
    [InlineData("\"ACGT,x\n", "has no closing quote")]
    [InlineData("\"AC\"GT,x\n", "unexpected 'G' after the closing quote of field 1 (character 5)")]
    public void Bad_quoting_is_an_error_at_its_line(string row, string problem)
    {
        string path = _files.Write("quotes.csv", "Sequence,Label\n" + row);

        var error = SequenceFileFixture.ReadError(_files.Load(path));

        Assert.Contains("quotes.csv line 2: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void An_empty_file_has_no_header_and_a_header_only_file_has_no_rows()
    {
        var error = Assert.Throws<FormatException>(() => _files.Load(_files.Write("empty.tsv", "\n\n")));
        Assert.Contains("empty.tsv: the file is empty", error.Message);

        Assert.Empty(SequenceFileFixture.ReadAll(_files.Load(_files.Write("header.tsv", "Sequence\tLabel\r\n"))));
    }

    [Fact]
    public void An_empty_sequence_is_an_error_naming_the_file_column()
    {
        string path = _files.Write("empty-seq.tsv", "Seq\tLabel\nACGT\tx\n  \ty\n");

        var error = SequenceFileFixture.ReadError(SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { SequenceColumn = "Seq" }));

        Assert.StartsWith($"{path} line 3, column 'Seq': the sequence is empty.", error.Message);
    }

    [Fact]
    public void Data_errors_surface_when_the_row_is_read_not_at_load()
    {
        string path = _files.Write("late.tsv", "Sequence\tLabel\nACGT\t1\nACGT\tmaybe\n");

        var view = _files.Load(path, SequenceLabelKind.Boolean);
        using var cursor = view.GetRowCursor(view.Schema);

        Assert.True(cursor.MoveNext());
        var error = Assert.Throws<FormatException>(() => cursor.MoveNext());
        Assert.Equal(0, cursor.Position);
        // The cursor does not step over the bad row: asking again gives the same error.
        Assert.Same(error, Assert.Throws<FormatException>(() => cursor.MoveNext()));
    }

    [Fact]
    public void A_header_changed_after_load_is_an_error()
    {
        string path = _files.Write("changed.tsv", "Sequence\tLabel\nACGT\tx\n");
        var view = _files.Load(path);
        File.WriteAllText(path, "Label\tSequence\nx\tACGT\n");

        var error = SequenceFileFixture.ReadError(view);

        Assert.Contains("changed.tsv line 1: the header has changed since the file was loaded", error.Message);
    }
}
