namespace Cnn.MLNet.Genomics.Tests.Genomics;

public sealed class GenomeTests : IDisposable
{
    private readonly GenomeFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_keeps_file_order_names_lengths_and_lowercase()
    {
        var genome = Genome.Load(_files.FastaPath);

        Assert.Equal(["chr1", "chr2", "chr3", "chrX"], genome.Chromosomes);
        Assert.Equal(20_000, genome.LengthOf("chr1"));
        Assert.Equal(3_000, genome.LengthOf("chrX"));
        Assert.True(genome.Contains("chr2"));
        Assert.False(genome.Contains("Chr2"));
        Assert.Equal(43_000, genome.TotalLength);
        foreach (var (name, bases) in _files.Sequences)
            Assert.Equal(new string(bases), genome.Slice(name, 0, genome.LengthOf(name)));
        Assert.Equal(_files.Expected("chr1", 95, 110), genome.Slice("chr1", 95, 110));
        Assert.Contains('a', genome.Slice("chr1", 100, 100).ToLowerInvariant());
        Assert.True(genome.Slice("chr1", 100, 100).All(char.IsLower));
        Assert.Equal(GenomeFixture.Motif, genome.Slice("chr3", 3_000, 8));
    }

    [Fact]
    public void Slice_pads_with_N_at_both_ends_and_always_has_the_asked_length()
    {
        var genome = Genome.Load(_files.FastaPath);
        string chrX = new(_files.Sequences["chrX"]);

        Assert.Equal("NNNNN" + chrX[..5], genome.Slice("chrX", -5, 10));
        Assert.Equal(chrX[^4..] + "NNNNNN", genome.Slice("chrX", 2_996, 10));
        Assert.Equal("NN" + chrX + "NNN", genome.Slice("chrX", -2, 3_005));
        Assert.Equal(new string('N', 7), genome.Slice("chrX", 5_000, 7));
        Assert.Equal(new string('N', 7), genome.Slice("chrX", -100, 7));
        Assert.Equal("", genome.Slice("chrX", 10, 0));
        var error = Assert.Throws<ArgumentException>(() => genome.Slice("chr9", 0, 5));
        Assert.Contains("'chr9'", error.Message);
        Assert.Contains("'chr1'", error.Message);
    }

    [Fact]
    public void A_gzipped_genome_reads_the_same()
    {
        string gz = _files.WriteGzip("genome.fa.gz", _files.FastaText());

        var genome = Genome.Load(gz);

        Assert.Equal(["chr1", "chr2", "chr3", "chrX"], genome.Chromosomes);
        Assert.Equal(new string(_files.Sequences["chr2"]), genome.Slice("chr2", 0, genome.LengthOf("chr2")));
    }

    [Fact]
    public void A_fasta_without_records_is_an_error_naming_the_file()
    {
        string path = _files.Write("empty.fa", "; only a comment\n\n");

        var error = Assert.Throws<FormatException>(() => Genome.Load(path));

        Assert.StartsWith($"{path} line 2:", error.Message);
        Assert.Contains("no FASTA records", error.Message);
    }

    [Fact]
    public void A_repeated_chromosome_name_is_an_error_naming_both_lines()
    {
        string path = _files.Write("dup.fa", ">chr1\nACGT\n>chr2\nAC\n>chr1 again\nGG\n");

        var error = Assert.Throws<FormatException>(() => Genome.Load(path));

        Assert.StartsWith($"{path} line 5:", error.Message);
        Assert.Contains("'chr1' repeats (first at line 1)", error.Message);
    }

    [Fact]
    public void Content_before_the_first_header_and_bad_characters_are_errors()
    {
        string before = _files.Write("before.fa", "\nACGT\n>chr1\nACGT\n");
        string digits = _files.Write("digits.fa", ">chr1\nACGT\nAC1T\n");
        string emptyRecord = _files.Write("emptyrecord.fa", ">chr1\n>chr2\nACGT\n");

        Assert.StartsWith($"{before} line 2:", Assert.Throws<FormatException>(() => Genome.Load(before)).Message);
        Assert.StartsWith($"{digits} line 3:", Assert.Throws<FormatException>(() => Genome.Load(digits)).Message);
        Assert.StartsWith($"{emptyRecord} line 1:", Assert.Throws<FormatException>(() => Genome.Load(emptyRecord)).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(_files.Root, "nope.fa");

        var error = Assert.Throws<FileNotFoundException>(() => Genome.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Equal(path, error.FileName);
    }
}
