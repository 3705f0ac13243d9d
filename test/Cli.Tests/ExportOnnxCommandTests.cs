using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Cli.Tests;

public sealed class ExportOnnxCommandTests(PrimerModelFixture primer) : IClassFixture<PrimerModelFixture>
{
    private CliRunner Cli => primer.Cli;

    [Fact]
    public void A_model_that_rejects_unknown_characters_needs_the_zeros_option_for_the_character_graph()
    {
        string onnx = Cli.PathOf("refused.onnx");
        var run = Cli.Run("export-onnx", "--model", primer.Model, "--out", onnx);
        Assert.Equal(1, run.Exit);
        Assert.Contains("--unknown-characters zeros", run.Error);
        Assert.False(File.Exists(onnx));
    }

    [Fact]
    public void Exports_the_graph_and_a_stock_zip_that_plain_MLNet_loads_and_scores()
    {
        string onnx = Cli.PathOf("model.onnx"), zip = Cli.PathOf("scoring.zip");
        var run = Cli.Run("export-onnx", "--model", primer.Model, "--out", onnx, "--mlnet-zip", zip, "--unknown-characters", "zeros");
        Assert.True(run.Exit == 0, run.Error);
        Assert.True(new FileInfo(onnx).Length > 1000);

        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(zip, out var schema);
        Assert.Equal("Sequence", Assert.Single(schema).Name);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(new[] { new Row { Sequence = new string('A', 20) + PrimerModelFixture.Planted + new string('C', 18) } }));
        using var cursor = scored.GetRowCursor([scored.Schema["Probability"]]);
        var probability = cursor.GetGetter<VBuffer<float>>(scored.Schema["Probability"]);
        Assert.True(cursor.MoveNext());
        VBuffer<float> value = default;
        probability(ref value);
        Assert.InRange(value.GetItemOrDefault(0), 0.5f, 1f); // the planted motif scores as positive
    }

    [Fact]
    public void Features_input_exports_but_cannot_make_the_character_pipeline()
    {
        string onnx = Cli.PathOf("features.onnx");
        var run = Cli.Run("export-onnx", "--model", primer.Model, "--out", onnx, "--input", "features");
        Assert.True(run.Exit == 0, run.Error);
        Assert.True(File.Exists(onnx));

        var refused = Cli.Run("export-onnx", "--model", primer.Model, "--out", Cli.PathOf("f2.onnx"), "--input", "features", "--mlnet-zip", Cli.PathOf("f2.zip"));
        Assert.Equal(1, refused.Exit);
        Assert.Contains("--mlnet-zip", refused.Error);

        var bad = Cli.Run("export-onnx", "--model", primer.Model, "--out", Cli.PathOf("f3.onnx"), "--input", "pixels");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("--input 'pixels'", bad.Error);
    }

    private sealed class Row
    {
        public string Sequence { get; set; } = "";
    }
}
