namespace Cnn.MLNet.Cli.Tests;

public sealed class SaliencyCommandTests(PrimerModelFixture primer) : IClassFixture<PrimerModelFixture>
{
    private CliRunner Cli => primer.Cli;

    [Theory]
    [InlineData("saliency")]
    [InlineData("ism")]
    public void Saliency_writes_one_track_per_sequence_peaking_on_the_planted_motif(string method)
    {
        string data = Cli.WriteMotifTsv("positives.tsv", 40, seed: 21);
        string output = Cli.PathOf($"saliency-{method}.tsv"), plots = Cli.PathOf($"plots-{method}");

        var run = Cli.Run("saliency", "--model", primer.Model, "--data", data, "--out", output, "--method", method, "--plot", plots, "--plot-limit", "3");

        Assert.True(run.Exit == 0, run.Error);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split('\t');
        Assert.Equal(41, lines.Length);
        Assert.Equal("Attribution.0", header[3]);
        Assert.Equal(40 + 3, header.Length);                  // Sequence, Id, Label, then one column per position
        Assert.Equal(3, Directory.GetFiles(plots, "*.png").Length);

        // Rows with the motif: the strongest position falls inside it for most of them.
        int withMotif = 0, inside = 0;
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t');
            int start = fields[0].IndexOf(PrimerModelFixture.Planted, StringComparison.Ordinal);
            if (start < 0) continue;
            var scores = fields[3..].Select(float.Parse).ToArray();
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
        Assert.Contains("error: --method 'magic' is not one of: saliency, ism.", run.Error);
    }
}
