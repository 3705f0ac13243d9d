namespace Cnn.MLNet.Cli.Tests;

/// <summary>discover-motifs on the primer model: the planted site comes back as a pattern, matched to the planted motif.</summary>
public sealed class DiscoverMotifsCommandTests(PrimerModelFixture primer) : IClassFixture<PrimerModelFixture>
{
    private CliRunner Cli => primer.Cli;

    [Fact]
    public void The_planted_site_is_discovered_and_matched_and_every_output_is_written()
    {
        string data = Cli.WriteMotifTsv("discover.tsv", 300, seed: 31);
        string folder = Cli.PathOf("discovered");

        var run = Cli.Run("discover-motifs", "--model", primer.Model, "--data", data, "--out", folder, "--references", "8", "--database", primer.Database,
            "--window", "14", "--flank", "4");

        Assert.True(run.Exit == 0, run.Error);
        var summary = File.ReadAllLines(Path.Combine(folder, "patterns.tsv"));
        Assert.Equal("pattern\tsign\tseqlets\twidth\tconsensus\tmatch\tmatch_name\tstrand\tp_value\te_value\tq_value", summary[0]);
        var top = summary[1].Split('\t');
        Assert.Equal("pos_pattern_0", top[0]);
        Assert.Equal("planted", top[5]);
        Assert.True(double.Parse(top[10], System.Globalization.CultureInfo.InvariantCulture) < 0.05, summary[1]);
        Assert.True(File.Exists(Path.Combine(folder, "patterns.meme")));
        Assert.True(File.Exists(Path.Combine(folder, "pos_pattern_0.png")));
        Assert.Contains("summation-to-delta: largest relative error", run.Error + run.Output);
    }

    [Fact]
    public void Sequences_shorter_than_a_seqlet_are_an_error_naming_the_options()
    {
        var run = Cli.Run("discover-motifs", "--model", primer.Model, "--data", primer.Data, "--out", Cli.PathOf("d3"));
        Assert.Equal(1, run.Exit);
        Assert.Contains("reads 40 bases, shorter than a seqlet (--window 21 + 2 × --flank 10 = 41)", run.Error);
    }

    [Fact]
    public void A_missing_database_is_one_error_line_before_any_work()
    {
        var run = Cli.Run("discover-motifs", "--model", primer.Model, "--data", primer.Data, "--out", Cli.PathOf("d2"), "--database", Cli.PathOf("none.meme"));
        Assert.Equal(1, run.Exit);
        Assert.Contains("none.meme", run.Error);
        Assert.False(Directory.Exists(Cli.PathOf("d2")));
    }
}
