namespace Cnn.MLNet.Genomics.Tests.Genomics;

public sealed class BedFileTests : IDisposable
{
    private readonly GenomeFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reads_intervals_and_skips_comments_track_browser_and_blank_lines()
    {
        string path = _files.Write("a.bed", "browser position chr1:1-100\ntrack name=x\n# comment\n\nchr1\t10\t20\tp1\t5.5\t-\r\nchr2\t7\t7\nchr3 1 4 spaced\n");

        var intervals = BedFile.Read(path);

        Assert.Equal(3, intervals.Count);
        var first = intervals[0];
        Assert.Equal(("chr1", 10L, 20L, 5L), (first.Chromosome, first.Start, first.End, first.LineNumber));
        Assert.Equal(("p1", "5.5", "-"), (first.Name, first.Score, first.Strand));
        Assert.Equal(10, first.Length);
        Assert.Equal((7L, 7L, (string?)null), (intervals[1].Start, intervals[1].End, intervals[1].Name)); // zero-length is allowed
        Assert.Equal(("chr3", 1L, 4L, "spaced"), (intervals[2].Chromosome, intervals[2].Start, intervals[2].End, intervals[2].Name));
    }

    [Fact]
    public void A_bed_in_ensembl_style_against_a_ucsc_genome_names_both_styles()
    {
        var genome = Genome.Load(_files.Write("ucsc.fa", ">chr1\nACGTACGTAC\n>chrX\nACGTAC\n"));
        string ensembl = _files.Write("ensembl.bed", "1\t2\t5\n");

        var error = Assert.Throws<FormatException>(() => BedFile.Read(ensembl, genome));

        Assert.Contains("'1'", error.Message);
        Assert.Contains("The genome has 'chr1': it uses UCSC names ('chr1') and this input Ensembl/NCBI names ('1')", error.Message);

        var ensemblGenome = Genome.Load(_files.Write("ensembl.fa", ">1\nACGTACGTAC\n"));
        string ucsc = _files.Write("ucsc.bed", "chr1\t2\t5\n");
        Assert.Contains("it uses Ensembl/NCBI names ('1') and this input UCSC names ('chr1')",
            Assert.Throws<FormatException>(() => BedFile.Read(ucsc, ensemblGenome)).Message);
        string unrelated = _files.Write("other.bed", "chr7\t2\t5\n");
        Assert.DoesNotContain("UCSC", Assert.Throws<FormatException>(() => BedFile.Read(unrelated, genome)).Message);
    }

    [Fact]
    public void A_gzipped_bed_reads_the_same()
    {
        string path = _files.WriteGzip("a.bed.gz", "chr1\t10\t20\nchrX\t0\t5\n");

        Assert.Equal(["chr1", "chrX"], BedFile.Read(path).Select(i => i.Chromosome));
    }

    [Theory]
    [InlineData("chr1\t10\n", "at least 3")]
    [InlineData("chr1\tten\t20\n", "the start (column 2) 'ten' is not a non-negative integer")]
    [InlineData("chr1\t-5\t20\n", "is negative")]
    [InlineData("chr1\t10\t2.5\n", "the end (column 3) '2.5'")]
    [InlineData("chr1\t30\t20\n", "the start 30 is after the end 20")]
    public void Malformed_lines_are_errors_naming_file_and_line(string badLine, string problem)
    {
        string path = _files.Write("bad.bed", "# header\nchr1\t1\t2\n" + badLine);

        var error = Assert.Throws<FormatException>(() => BedFile.Read(path));

        Assert.StartsWith($"{path} line 3:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void An_unknown_chromosome_is_an_error_listing_known_names()
    {
        var genome = Genome.Load(_files.FastaPath);
        string path = _files.Write("unknown.bed", "chr1\t1\t2\nchr7\t1\t2\n");

        var error = Assert.Throws<FormatException>(() => BedFile.Read(path, genome));

        Assert.StartsWith($"{path} line 2:", error.Message);
        Assert.Contains("'chr7'", error.Message);
        Assert.Contains("'chr1', 'chr2', 'chr3', 'chrX'", error.Message);
    }

    [Fact]
    public void A_missing_bed_file_is_named()
    {
        string path = Path.Combine(_files.Root, "none.bed");

        Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => BedFile.Read(path)).FileName);
    }
}
