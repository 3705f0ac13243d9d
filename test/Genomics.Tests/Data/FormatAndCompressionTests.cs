namespace Cnn.MLNet.Genomics.Tests.Data;

public sealed class FormatAndCompressionTests : IDisposable
{
    private readonly SequenceFileFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("a.tsv", SequenceFileFormat.Tsv)]
    [InlineData("a.txt", SequenceFileFormat.Tsv)]
    [InlineData("dir.v2/a.CSV", SequenceFileFormat.Csv)]
    [InlineData("a.fa", SequenceFileFormat.Fasta)]
    [InlineData("a.fasta.gz", SequenceFileFormat.Fasta)]
    [InlineData("a.FNA.GZ", SequenceFileFormat.Fasta)]
    [InlineData("a.ffn", SequenceFileFormat.Fasta)]
    [InlineData("a.csv.gz", SequenceFileFormat.Csv)]
    public void The_format_follows_the_extension_ignoring_gz(string path, SequenceFileFormat expected) =>
        Assert.Equal(expected, SequenceFileFormats.Resolve(path, SequenceFileFormat.Auto));

    [Theory]
    [InlineData("reads.fastq", "('.fastq')")]
    [InlineData("data.gz", "(it has none)")]
    public void An_unknown_extension_lists_the_known_ones_and_the_Format_option(string name, string extension)
    {
        string path = _files.Write(name, "Sequence\tLabel\n");

        var error = Assert.Throws<ArgumentException>(() => _files.Load(path));

        Assert.Contains($"Cannot tell the format of '{path}' from its extension {extension}", error.Message);
        Assert.Contains(".tsv, .txt, .csv, .fa, .fasta, .fna, .ffn", error.Message);
        Assert.Contains("SequenceFileOptions.Format", error.Message);
    }

    [Fact]
    public void An_explicit_format_overrides_the_extension()
    {
        string path = _files.Write("data.seq", "Sequence,Label\nACGT,x\n");

        var rows = SequenceFileFixture.ReadAll(_files.Load(path, format: SequenceFileFormat.Csv));

        Assert.Equal(new object[] { "ACGT", "x" }, Assert.Single(rows));
    }

    [Fact]
    public void Gzip_tsv_is_decompressed_on_the_fly_and_errors_give_uncompressed_lines()
    {
        string path = _files.WriteGzip("binding.tsv.gz", "Sequence\tLabel\r\nACGT\t1\r\nGGCC\t0\r\nTTTT\t7\r\n");
        var view = _files.Load(path, SequenceLabelKind.Boolean);

        using (var cursor = view.GetRowCursor(view.Schema))
        {
            Assert.True(cursor.MoveNext());
            Assert.True(cursor.MoveNext());
            var sequence = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Sequence"]);
            ReadOnlyMemory<char> value = default;
            sequence(ref value);
            Assert.Equal("GGCC", value.ToString());
        }
        var error = SequenceFileFixture.ReadError(view);
        Assert.StartsWith($"{path} line 4, column 'Label': '7'", error.Message);
    }

    [Fact]
    public void Gzip_fasta_is_decompressed_on_the_fly()
    {
        string path = _files.WriteGzip("peaks.fa.gz", ">a 1\nAC\nGT\n>b 0\nTT\n");

        var rows = SequenceFileFixture.ReadAll(_files.Load(path, SequenceLabelKind.Boolean));

        Assert.Equal(new object[] { "ACGT", true, "a" }, rows[0]);
        Assert.Equal(new object[] { "TT", false, "b" }, rows[1]);
    }

    [Fact]
    public void Gzip_content_is_recognised_without_the_gz_name_and_a_gz_name_must_be_gzip()
    {
        string hidden = _files.WriteGzip("hidden.tsv", "Sequence\tLabel\nACGT\tx\n");
        Assert.Equal(new object[] { "ACGT", "x" }, Assert.Single(SequenceFileFixture.ReadAll(_files.Load(hidden))));

        string fake = _files.Write("fake.tsv.gz", "Sequence\tLabel\nACGT\tx\n");
        var error = Assert.Throws<FormatException>(() => _files.Load(fake));
        Assert.Equal($"{fake}: the name ends in .gz but the file is not gzip-compressed (it lacks the gzip signature 1F 8B at byte 0).", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(_files.Root, "absent.tsv");

        var error = Assert.Throws<FileNotFoundException>(() => _files.Load(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains($"'{path}'", error.Message);
    }

    [Fact]
    public void A_file_deleted_after_load_is_named_when_a_cursor_opens_it()
    {
        string path = _files.Write("gone.fa", ">a 1\nACGT\n");
        var view = _files.Load(path);
        File.Delete(path);

        var error = Assert.Throws<FileNotFoundException>(() => view.GetRowCursor(view.Schema));

        Assert.Equal(path, error.FileName);
    }

    [Fact]
    public void Bad_options_are_argument_errors_naming_the_option()
    {
        string path = _files.Write("ok.tsv", "Sequence\tLabel\nACGT\tx\n");

        Assert.Contains("SequenceColumn", Assert.Throws<ArgumentException>(() =>
            SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { SequenceColumn = " " })).Message);
        Assert.Contains("LabelColumn", Assert.Throws<ArgumentException>(() =>
            SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { LabelColumn = "" })).Message);
        Assert.Contains("both name 'Sequence'", Assert.Throws<ArgumentException>(() =>
            SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { LabelColumn = "sequence" })).Message);
        Assert.Contains("LabelKind", Assert.Throws<ArgumentException>(() =>
            SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { LabelKind = (SequenceLabelKind)9 })).Message);
        Assert.Contains("Format", Assert.Throws<ArgumentException>(() =>
            SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { Format = (SequenceFileFormat)9 })).Message);
        Assert.Throws<ArgumentNullException>(() => SequenceFiles.Load(null!, path));
        Assert.ThrowsAny<ArgumentException>(() => SequenceFiles.Load(_files.ML, ""));

        // With no label read, an empty LabelColumn is irrelevant.
        var unlabelled = SequenceFiles.Load(_files.ML, path, new SequenceFileOptions { LabelColumn = "", LabelKind = SequenceLabelKind.None });
        Assert.Equal(["Sequence:ReadOnlyMemory`1", "Label:ReadOnlyMemory`1"], SequenceFileFixture.Describe(unlabelled.Schema));
    }
}
