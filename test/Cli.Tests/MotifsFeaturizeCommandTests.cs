using System.Text.Json;
using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>One Zou2019 model trained with the CLI on simulated primer data, shared by the motifs and featurize tests.</summary>
public sealed class PrimerModelFixture : IDisposable
{
    public const string Planted = "CGACCGAACTCC";

    public PrimerModelFixture()
    {
        Data = Cli.WriteMotifTsv("primer.tsv", 800, seed: 11);
        Model = Cli.PathOf("zou.zip");
        var trained = Cli.Run("train", "--data", Data, "--epochs", "15", "--model", Model, "--json");
        Assert.True(trained.Exit == 0, trained.Error);
        TrainOutput = trained.Output;

        // The planted site as a one-hot matrix plus random decoys (each row: normalised random exponentials).
        var random = new Random(12);
        var database = new List<Motif> { new("planted", Motif.FromConsensus("planted", Planted).ToMatrix(), alternateName: "PLANTED") };
        for (int d = 0; d < 8; d++)
        {
            int width = 8 + random.Next(7);
            var matrix = new double[width, 4];
            for (int i = 0; i < width; i++)
            {
                var row = Enumerable.Range(0, 4).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
                for (int b = 0; b < 4; b++) matrix[i, b] = row[b] / row.Sum();
            }
            database.Add(new Motif($"decoy{d}", matrix));
        }
        Database = Cli.PathOf("db.meme");
        MemeFile.Write(Database, database);
    }

    internal CliRunner Cli { get; } = new();
    public string Data { get; }
    public string Model { get; }
    public string Database { get; }
    public string TrainOutput { get; }

    public void Dispose() => Cli.Dispose();
}

public sealed class MotifsFeaturizeCommandTests(PrimerModelFixture primer) : IClassFixture<PrimerModelFixture>
{
    private CliRunner Cli => primer.Cli;

    [Fact]
    public void Motifs_compare_ranks_the_planted_motif_first_and_writes_meme_and_logos()
    {
        string meme = Cli.PathOf("filters.meme"), logos = Cli.PathOf("logos");
        var run = Cli.Run("motifs", "--model", primer.Model, "--data", primer.Data, "--out", meme, "--compare", primer.Database, "--logos", logos, "--json");
        Assert.True(run.Exit == 0, run.Error);

        using var json = JsonDocument.Parse(run.Output);
        var motifs = json.RootElement.GetProperty("motifs").EnumerateArray().ToList();
        Assert.NotEmpty(motifs);
        var top = motifs[0].GetProperty("match");
        double score = top.GetProperty("score").GetDouble();
        Assert.Equal("planted", top.GetProperty("id").GetString());
        Assert.True(score >= 0.8, $"best match score {score}");
        Assert.Contains(top.GetProperty("strand").GetString(), new[] { "+", "-" });
        double p = top.GetProperty("pValue").GetDouble(), e = top.GetProperty("eValue").GetDouble(), q = top.GetProperty("qValue").GetDouble();
        Assert.True(q < 0.05, $"best match q-value {q}");
        Assert.Equal(p * 9, e, 9); // 9 database motifs
        Assert.True(q >= p);
        var pValues = motifs.Select(m => m.GetProperty("match").GetProperty("pValue").GetDouble()).ToList();
        Assert.Equal(pValues.Order(), pValues); // sorted by match p-value

        var read = MemeFile.Read(meme);
        Assert.Equal(motifs.Count, read.Count);
        Assert.Equal(32, json.RootElement.GetProperty("filters").GetInt32());
        Assert.Equal(motifs.Select(m => m.GetProperty("id").GetString()).Order(), read.Select(m => m.Id).Order());
        foreach (var motif in read)
        {
            string png = Path.Combine(logos, motif.Id + ".png");
            Assert.True(File.Exists(png), png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        }

        var text = Cli.Run("motifs", "--model", primer.Model, "--data", primer.Data, "--out", meme, "--compare", primer.Database);
        Assert.True(text.Exit == 0, text.Error);
        var lines = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(motifs.Count + 1, lines.Length);
        Assert.Contains("best planted PLANTED score", lines[1]);
        Assert.Matches(@" p \S+ E \S+ q \S+$", lines[1]);
    }

    [Fact]
    public void Motifs_without_compare_sorts_by_information_content()
    {
        string meme = Cli.PathOf("plain.meme");
        var run = Cli.Run("motifs", "--model", primer.Model, "--data", primer.Data, "--out", meme, "--threshold", "0.6", "--json");
        Assert.True(run.Exit == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var ic = json.RootElement.GetProperty("motifs").EnumerateArray().Select(m => m.GetProperty("informationContent").GetDouble()).ToList();
        Assert.NotEmpty(ic);
        Assert.Equal(ic.OrderByDescending(v => v), ic);
        Assert.All(json.RootElement.GetProperty("motifs").EnumerateArray(), m => Assert.False(m.TryGetProperty("match", out _)));

        var bad = Cli.Run("motifs", "--model", primer.Model, "--data", primer.Data, "--out", meme, "--threshold", "1.5");
        Assert.Equal(1, bad.Exit);
        Assert.StartsWith("error:", bad.Error);
    }

    [Fact]
    public void Featurize_writes_one_row_per_sequence_and_one_column_per_filter()
    {
        string output = Cli.PathOf("features.tsv");
        var run = Cli.Run("featurize", "--model", primer.Model, "--data", primer.Data, "--layer", "act1", "--pooling", "max", "--out", output);
        Assert.True(run.Exit == 0, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal(801, lines.Length);
        var widths = lines.Select(l => l.Split('\t').Length).Distinct().ToList();
        Assert.Equal(3 + 32, Assert.Single(widths)); // Sequence, Id, Label + 32 filter maxima
        var header = lines[0].Split('\t');
        Assert.Equal(new[] { "Sequence", "Id", "Label", "FeatureMaps.0", "FeatureMaps.1" }, header[..5]);
        Assert.Equal("FeatureMaps.31", header[^1]);
        Assert.Equal("r0", lines[1].Split('\t')[Array.IndexOf(lines[0].Split('\t'), "Id")]);

        var mean = Cli.Run("featurize", "--model", primer.Model, "--data", primer.Data, "--layer", "pool1", "--pooling", "maxandmean", "--out", output);
        Assert.True(mean.Exit == 0, mean.Error);
        Assert.Equal(3 + 64, File.ReadAllLines(output)[1].Split('\t').Length);
    }

    [Fact]
    public void Featurize_with_an_unknown_layer_or_pooling_is_one_error_line()
    {
        string output = Cli.PathOf("none.tsv");
        var run = Cli.Run("featurize", "--model", primer.Model, "--data", primer.Data, "--layer", "conv9", "--out", output);
        Assert.Equal(1, run.Exit);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error:", line);
        Assert.Contains("conv9", line);
        foreach (var layer in new[] { "conv1", "act1", "pool1", "dense1" }) Assert.Contains(layer, line);

        var pooling = Cli.Run("featurize", "--model", primer.Model, "--data", primer.Data, "--layer", "act1", "--pooling", "median", "--out", output);
        Assert.Equal(1, pooling.Exit);
        Assert.Contains("maxandmean", Assert.Single(pooling.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
