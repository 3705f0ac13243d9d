using System.Text.Json;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>Two small binary models trained with the CLI (Zou2019 on 40-bp windows, DeepBind on 34-bp windows) and saved as one ensemble file.</summary>
public sealed class EnsembleModelFixture : IDisposable
{
    public EnsembleModelFixture()
    {
        Data = Cli.WriteMotifTsv("ensemble.tsv", 240, seed: 21);
        Single = Cli.PathOf("zou.zip");
        string other = Cli.PathOf("deepbind.zip");
        var first = Cli.Run("train", "--data", Data, "--epochs", "2", "--preset", "Zou2019", "--seed", "1", "--model", Single);
        Assert.True(first.Exit == 0, first.Error);
        var second = Cli.Run("train", "--data", Data, "--epochs", "2", "--preset", "DeepBind", "--length", "34", "--seed", "2", "--model", other);
        Assert.True(second.Exit == 0, second.Error);

        var ml = new MLContext(seed: 1);
        var members = new[] { ml.Model.LoadCnn(Single, out var schema), ml.Model.LoadCnn(other, out _) };
        Ensemble = Cli.PathOf("ensemble.zip");
        ml.Model.SaveCnn(ml.Model.CreateCnnEnsemble(members, schema), schema, Ensemble);
    }

    internal CliRunner Cli { get; } = new();
    public string Data { get; }
    public string Single { get; }
    public string Ensemble { get; }

    public void Dispose() => Cli.Dispose();
}

/// <summary>evaluate, predict and export-onnx take an ensemble file; the tools that need one network ask for --member instead of picking one.</summary>
public sealed class EnsembleCommandTests(EnsembleModelFixture fixture) : IClassFixture<EnsembleModelFixture>
{
    private CliRunner Cli => fixture.Cli;

    [Fact]
    public void Evaluate_reports_the_ensembles_metrics()
    {
        var run = Cli.Run("evaluate", "--model", fixture.Ensemble, "--data", fixture.Data, "--json");
        Assert.True(run.Exit == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("binary", json.RootElement.GetProperty("task").GetString());
        Assert.InRange(json.RootElement.GetProperty("auc").GetDouble(), 0, 1);
    }

    [Fact]
    public void Predict_writes_the_averaged_columns()
    {
        string output = Cli.PathOf("ensemble-predictions.tsv");
        var run = Cli.Run("predict", "--model", fixture.Ensemble, "--data", fixture.Data, "--out", output);
        Assert.True(run.Exit == 0, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal(["Sequence", "Id", "Label", "Score", "Probability", "PredictedLabel"], lines[0].Split('\t'));
        Assert.Equal(241, lines.Length);
    }

    [Fact]
    public void Export_onnx_writes_one_graph_for_the_ensemble()
    {
        string onnx = Cli.PathOf("ensemble.onnx");
        var run = Cli.Run("export-onnx", "--model", fixture.Ensemble, "--out", onnx, "--unknown-characters", "zeros");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("an ensemble of 2 members", run.Error + run.Output);
        Assert.True(new FileInfo(onnx).Length > 0);
    }

    [Theory]
    [InlineData("featurize", "--layer", "act1")]
    [InlineData("motifs")]
    public void Tools_that_need_one_network_ask_for_a_member(string command, params string[] extra)
    {
        string output = Cli.PathOf($"{command}-out");
        string[] common = [command, "--model", fixture.Ensemble, "--data", fixture.Data, "--out", output, .. extra];

        var refused = Cli.Run(common);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("is an ensemble of 2 members", refused.Error);
        Assert.Contains("choose one with --member 0 to 1", refused.Error);
        Assert.False(File.Exists(output));

        var outOfRange = Cli.Run([.. common, "--member", "2"]);
        Assert.Equal(1, outOfRange.Exit);
        Assert.Contains("--member 2 is not a member", outOfRange.Error);

        var chosen = Cli.Run([.. common, "--member", "1"]);
        Assert.True(chosen.Exit == 0, chosen.Error);
        Assert.True(File.Exists(output));

        var single = Cli.Run([command, "--model", fixture.Single, "--data", fixture.Data, "--out", output, "--member", "0", .. extra]);
        Assert.Equal(1, single.Exit);
        Assert.Contains("--member applies to ensemble models", single.Error);
    }

    [Fact]
    public void Attribute_averages_members_that_read_one_input_and_asks_for_a_member_otherwise()
    {
        string output = Cli.PathOf("attribute-out.tsv");
        // The fixture's members read 40 and 34 bases: no fold average is possible.
        var refused = Cli.Run("attribute", "--model", fixture.Ensemble, "--data", fixture.Data, "--out", output, "--method", "deeplift", "--references", "2");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("members read different inputs", refused.Error);
        Assert.Contains("choose one with --member 0 to 1", refused.Error);
        Assert.False(File.Exists(output));

        var chosen = Cli.Run("attribute", "--model", fixture.Ensemble, "--data", fixture.Data, "--out", output, "--member", "1");
        Assert.True(chosen.Exit == 0, chosen.Error);

        // Two copies of one model read one input: averaged, as for chromosome-fold models.
        var ml = new MLContext(seed: 1);
        var same = new[] { ml.Model.LoadCnn(fixture.Single, out var schema), ml.Model.LoadCnn(fixture.Single, out _) };
        string twins = Cli.PathOf("twins.zip");
        ml.Model.SaveCnn(ml.Model.CreateCnnEnsemble(same, schema), schema, twins);
        string averaged = Cli.PathOf("averaged.tsv"), alone = Cli.PathOf("alone.tsv");
        var both = Cli.Run("attribute", "--model", twins, "--data", fixture.Data, "--out", averaged, "--method", "deeplift", "--references", "2");
        Assert.True(both.Exit == 0, both.Error);
        Assert.Contains("averaged over the 2 members", both.Error + both.Output);
        var one = Cli.Run("attribute", "--model", fixture.Single, "--data", fixture.Data, "--out", alone, "--method", "deeplift", "--references", "2");
        Assert.True(one.Exit == 0, one.Error);
        Assert.Equal(File.ReadAllLines(alone), File.ReadAllLines(averaged)); // the mean of two identical members is the member
    }
}
