namespace Cnn.MLNet.Genomics.Tests.Data;

public sealed class FastaFileTests : IDisposable
{
    private readonly SequenceFileFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Multi_line_records_are_concatenated_with_case_kept_and_comments_and_blank_lines_ignored()
    {
        string path = _files.Write("peaks.fa",
            "; made by a test\n"
            + "\n"
            + ">seq1 1\r\n"
            + "ACGT\r\n"
            + "acgt  \r\n"
            + "\r\n"
            + "; a comment inside a record\n"
            + "NNRY\n"
            + ">chr1:100-200 some description 0\n"
            + "GGGG\n");

        var view = _files.Load(path, SequenceLabelKind.Boolean);

        Assert.Equal(["Sequence:ReadOnlyMemory`1", "Label:Boolean", "Id:ReadOnlyMemory`1"], SequenceFileFixture.Describe(view.Schema));
        var rows = SequenceFileFixture.ReadAll(view);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object[] { "ACGTacgtNNRY", true, "seq1" }, rows[0]);
        Assert.Equal(new object[] { "GGGG", false, "chr1:100-200" }, rows[1]);
    }

    [Fact]
    public void A_label_token_wins_over_the_last_token()
    {
        string path = _files.Write("classes.fasta", ">a label=enhancer chr2:5-55\nAC\n>b  bound\nGT\n>c Label=promoter\nTT\n>d   x\ty  \nCC\n");

        var rows = SequenceFileFixture.ReadAll(_files.Load(path));

        Assert.Equal(["enhancer", "bound", "promoter", "y"], rows.Select(r => (string)r[1]).ToArray());
        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => (string)r[2]).ToArray());
    }

    [Fact]
    public void A_header_with_only_an_id_is_an_error_when_a_label_is_needed()
    {
        string path = _files.Write("unlabelled.fa", ">s1 1\nACGT\n\n>s2\nACGT\n");

        var error = SequenceFileFixture.ReadError(_files.Load(path, SequenceLabelKind.Boolean));

        Assert.StartsWith($"{path} line 4, column 'Label': the FASTA header '>s2' of record 's2' has no label;", error.Message);
    }

    [Fact]
    public void Label_kind_None_reads_ids_only_headers()
    {
        string path = _files.Write("query.fna", ">s1\nACGT\nAA\n>s2 free text\nTTTT\n");

        var view = _files.Load(path, SequenceLabelKind.None);

        Assert.Equal(["Sequence", "Id"], view.Schema.Select(c => c.Name).ToArray());
        var rows = SequenceFileFixture.ReadAll(view);
        Assert.Equal(new object[] { "ACGTAA", "s1" }, rows[0]);
        Assert.Equal(new object[] { "TTTT", "s2" }, rows[1]);
    }

    [Fact]
    public void A_bad_label_names_the_header_line_and_the_value()
    {
        string path = _files.Write("bad.ffn", ">s1 1\nACGT\n>s2 label=2\nAC\nGT\n");

        var error = SequenceFileFixture.ReadError(_files.Load(path, SequenceLabelKind.Boolean));

        Assert.Equal($"{path} line 3, column 'Label': '2' is not a binary label (expected 0, 1, true or false).", error.Message);
    }

    [Fact]
    public void Sequence_before_the_first_header_fails_at_load()
    {
        string path = _files.Write("headless.fa", "\nACGT\n>s1 1\nACGT\n");

        var error = Assert.Throws<FormatException>(() => _files.Load(path));

        Assert.Equal($"{path} line 2: expected a FASTA header line starting with '>' before any sequence, found 'ACGT'.", error.Message);
    }

    [Fact]
    public void A_record_without_sequence_lines_is_an_error_even_when_the_sequence_is_not_read()
    {
        string path = _files.Write("hollow.fa", ">s1 1\n>s2 0\nACGT\n");
        var view = _files.Load(path, SequenceLabelKind.Boolean);

        var error = SequenceFileFixture.ReadError(view);
        Assert.Equal($"{path} line 1: the FASTA record 's1' has no sequence lines after its header.", error.Message);

        using var cursor = view.GetRowCursor([view.Schema["Id"]]);
        Assert.Throws<FormatException>(() => cursor.MoveNext());
    }

    [Fact]
    public void An_empty_fasta_file_has_no_rows_and_a_bare_header_has_no_id()
    {
        Assert.Empty(SequenceFileFixture.ReadAll(_files.Load(_files.Write("empty.fa", "; nothing\n\n"))));

        var error = SequenceFileFixture.ReadError(_files.Load(_files.Write("bare.fa", ">\nACGT\n")));
        Assert.Equal($"{Path.Combine(_files.Root, "bare.fa")} line 1: the FASTA header '>' has no record id.", error.Message);
    }
}
