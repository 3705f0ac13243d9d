namespace Cnn.MLNet.Cli.Tests;

public sealed class AttributeCommandTests(PrimerModelFixture primer) : IClassFixture<PrimerModelFixture>
{
    private CliRunner Cli => primer.Cli;

    [Theory]
    [InlineData("saliency")]
    [InlineData("ism")]
    [InlineData("deeplift")]
    public void Attributions_write_one_track_per_sequence_peaking_on_the_planted_motif(string method)
    {
        string data = Cli.WriteMotifTsv("positives.tsv", 40, seed: 21);
        string output = Cli.PathOf($"saliency-{method}.tsv"), plots = Cli.PathOf($"plots-{method}");

        var run = Cli.Run(method == "saliency" ? "saliency" : "attribute", "--model", primer.Model, "--data", data, "--out", output, "--method", method,
            "--references", "5", "--plot", plots, "--plot-limit", "3");

        Assert.True(run.Exit == 0, run.Error);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split('\t');
        Assert.Equal(41, lines.Length);
        Assert.Equal("Attribution.0", header[3]);
        bool sums = method == "deeplift";
        Assert.Equal(40 + 3 + (sums ? 1 : 0), header.Length); // Sequence, Id, Label, one column per position, then the summation error
        if (sums)
        {
            Assert.Equal("AttributionError", header[^1]);
            Assert.Contains("summation-to-delta: largest relative error", run.Output + run.Error);
        }
        Assert.Equal(3, Directory.GetFiles(plots, "*.png").Length);

        // Rows with the motif: the strongest position falls inside it for most of them.
        int withMotif = 0, inside = 0;
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t');
            int start = fields[0].IndexOf(PrimerModelFixture.Planted, StringComparison.Ordinal);
            if (start < 0) continue;
            var scores = fields[3..(3 + 40)].Select(float.Parse).ToArray();
            int peak = Enumerable.Range(0, scores.Length).MaxBy(p => Math.Abs(scores[p]));
            withMotif++;
            if (peak >= start && peak < start + PrimerModelFixture.Planted.Length) inside++;
        }
        Assert.True(withMotif > 5 && inside >= 0.75 * withMotif, $"{method}: {inside}/{withMotif}");
    }

    [Fact]
    public void An_unknown_method_is_one_error_line()
    {
        var run = Cli.Run("saliency", "--model", primer.Model, "--data", primer.Data, "--out", Cli.PathOf("x.tsv"), "--method", "magic");
        Assert.Equal(1, run.Exit);
        Assert.Contains("error: --method 'magic' is not one of: saliency, ism, deeplift, ig.", run.Error);
    }

    [Fact]
    public void Hypothetical_contributions_are_per_base_and_the_summation_error_is_reported()
    {
        string data = Cli.WriteMotifTsv("few.tsv", 6, seed: 22);
        string output = Cli.PathOf("hypothetical.tsv");
        var run = Cli.Run("attribute", "--model", primer.Model, "--data", data, "--out", output, "--method", "deeplift", "--references", "3", "--hypothetical");
        Assert.True(run.Exit == 0, run.Error);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split('\t');
        Assert.Equal(3 + 4 * 40 + 1, header.Length);
        foreach (var line in lines.Skip(1))
            Assert.True(float.Parse(line.Split('\t')[^1], System.Globalization.CultureInfo.InvariantCulture) <= 1e-3, line);
    }

    [Fact]
    public void Plotting_per_base_values_is_refused_before_any_work()
    {
        var run = Cli.Run("attribute", "--model", primer.Model, "--data", primer.Data, "--out", Cli.PathOf("y.tsv"), "--per-base", "--plot", Cli.PathOf("p"));
        Assert.Equal(1, run.Exit);
        Assert.Contains("--plot draws one value per position", run.Error);
        Assert.False(File.Exists(Cli.PathOf("y.tsv")));
    }
}
