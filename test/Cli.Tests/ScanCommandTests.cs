using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>A binary model trained by <c>cnn-mlnet train</c> on 40-bp motif sequences, and a two-chromosome FASTA with the motif planted once.</summary>
public sealed class ScanModelFixture : IDisposable
{
    public const string Planted = "CGACCGAACTCC";
    public const int Site = 1_234;

    public ScanModelFixture()
    {
        string data = Cli.WriteMotifTsv("scan-train.tsv", 1_500, seed: 31);
        Model = Cli.PathOf("scan-model.zip");
        var trained = Cli.Run("train", "--data", data, "--epochs", "15", "--model", Model);
        Assert.True(trained.Exit == 0, trained.Error);

        var random = new Random(32);
        var chr1 = Enumerable.Range(0, 3_000).Select(_ => "ACGT"[random.Next(4)]).ToArray();
        var chr2 = Enumerable.Range(0, 2_000).Select(_ => "ACGT"[random.Next(4)]).ToArray();
        Planted.CopyTo(0, chr1, Site, Planted.Length);
        var fasta = new StringBuilder();
        fasta.Append(">chr1 test\n").Append(chr1, 0, 1_500).Append('\n').Append(chr1, 1_500, 1_500).Append('\n');
        fasta.Append(">chr2\n").Append(chr2).Append('\n');
        Fasta = Cli.PathOf("genome.fa");
        File.WriteAllText(Fasta, fasta.ToString());
    }

    internal CliRunner Cli { get; } = new();
    public string Model { get; }
    public string Fasta { get; }

    public void Dispose() => Cli.Dispose();
}

public sealed class ScanCommandTests(ScanModelFixture scan) : IClassFixture<ScanModelFixture>
{
    private CliRunner Cli => scan.Cli;

    [Fact]
    public void Scan_writes_a_bedGraph_whose_highest_bin_is_at_the_planted_site()
    {
        // --fasta is scan's old name for --genome and stays an alias.
        string output = Cli.PathOf("scan.bedGraph");
        var run = Cli.Run("scan", "--model", scan.Model, "--fasta", scan.Fasta, "--stride", "10", "--out", output);

        Assert.True(run.Exit == 0, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("track type=bedGraph name=\"scan-model\"", lines[0]);
        var bins = lines.Skip(1).Select(l => l.Split('\t')).Select(f => (Chromosome: f[0], Start: long.Parse(f[1], CultureInfo.InvariantCulture),
            End: long.Parse(f[2], CultureInfo.InvariantCulture), Value: float.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        // L = 40 (the longest training sequence), stride 10: min(⌈n/10⌉, ⌈(n − 15)/10⌉) windows: 299 on chr1, 199 on chr2.
        Assert.Equal(299, bins.Count(b => b.Chromosome == "chr1"));
        Assert.Equal(199, bins.Count(b => b.Chromosome == "chr2"));
        Assert.Equal(1 + 299 + 199, lines.Length);
        var best = bins.MaxBy(b => b.Value);
        var atSite = bins.Where(b => b.Chromosome == "chr1" && Math.Abs((b.Start + b.End) / 2 - (ScanModelFixture.Site + 6)) <= 25).MaxBy(b => b.Value);
        Assert.True(best == atSite, $"best bin {best}, best at the site {atSite}");
        Assert.True(best.Value > 0.9f, $"best bin {best}");
        Assert.Contains("scanned 2 chromosome(s): 498 windows of 40 bp, stride 10, value Probability", run.Output);
        Assert.Contains("windows/s", run.Output);
        Assert.Contains("chr1: 299 windows over 3,000 bp", run.Error);
    }

    [Fact]
    public void Chromosomes_and_the_default_stride_of_half_the_input_length()
    {
        string output = Cli.PathOf("chr2.bedGraph");
        var run = Cli.Run("scan", "--model", scan.Model, "--genome", scan.Fasta, "--chromosomes", "chr2", "--out", output);

        Assert.True(run.Exit == 0, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal(1 + 100, lines.Length); // stride 20: min(⌈2000/20⌉, ⌈(2000 − 10)/20⌉) = 100
        Assert.All(lines.Skip(1), l => Assert.StartsWith("chr2\t", l));
        Assert.Contains("stride 20", run.Output);
    }

    [Theory]
    [InlineData("--stride", "0", "error: --stride 0 is not valid: the stride must be at least 1 base.")]
    [InlineData("--chromosomes", "chr1,chr9", "'chr9'")]
    [InlineData("--target", "2", "target 2")]
    public void Bad_options_are_one_error_line_and_write_nothing(string option, string value, string message)
    {
        string output = Cli.PathOf("bad.bedGraph");
        var run = Cli.Run("scan", "--model", scan.Model, "--genome", scan.Fasta, option, value, "--out", output);

        Assert.Equal(1, run.Exit);
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error);
        Assert.Contains(message, error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Build_index_reads_the_genome_from_disk_and_aliases_name_its_chromosomes()
    {
        string fasta = Cli.PathOf("indexed.fa"), aliases = Cli.PathOf("aliases.txt");
        File.Copy(scan.Fasta, fasta, overwrite: true);
        File.WriteAllText(aliases, "# alias\tname\n1\tchr1\n2\tchr2\n");
        string memory = Cli.PathOf("memory.bedGraph"), indexed = Cli.PathOf("indexed.bedGraph");

        var first = Cli.Run("scan", "--model", scan.Model, "--genome", scan.Fasta, "--chromosomes", "chr2", "--stride", "10", "--out", memory);
        var second = Cli.Run("scan", "--model", scan.Model, "--genome", fasta, "--build-index", "--chrom-aliases", aliases, "--chromosomes", "2", "--stride", "10", "--out", indexed);

        Assert.True(first.Exit == 0, first.Error);
        Assert.True(second.Exit == 0, second.Error);
        Assert.True(File.Exists(fasta + ".fai"));
        Assert.Equal(File.ReadAllLines(memory).Skip(1), File.ReadAllLines(indexed).Skip(1).Select(l => "chr2" + l[1..]));
    }

    [Fact]
    public void A_plain_gzip_genome_is_scanned_from_memory_with_a_note_and_build_index_refuses_it()
    {
        string gz = Cli.PathOf("plain.fa.gz");
        using (var file = File.Create(gz))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(scan.Fasta));
        string output = Cli.PathOf("gz.bedGraph");

        var run = Cli.Run("scan", "--model", scan.Model, "--genome", gz, "--chromosomes", "chr2", "--out", output);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("note: ", run.Error);
        Assert.Contains("plain gzip", run.Error);

        var refused = Cli.Run("scan", "--model", scan.Model, "--genome", gz, "--build-index", "--out", output);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("error: ", refused.Error);
        Assert.Contains("bgzip", refused.Error);
    }
}
