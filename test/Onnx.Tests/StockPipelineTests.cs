using System.Globalization;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Trainers.Tests;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Onnx.Tests;

/// <summary>
/// The stock scoring pipeline (TokenizeIntoCharactersAsKeys → ApplyOnnxModel) reproduces the
/// Cnn.MLNet pipeline's scores, in this process and, saved with plain ml.Model.Save, in an
/// application that references neither TorchSharp nor Cnn.MLNet (test/StockConsumer).
/// </summary>
public class StockPipelineTests
{
    private const float Tolerance = 1e-5f;

    public sealed class Scores
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private static (MLContext Ml, ITransformer Pipeline, CnnPredictionTransformer Cnn) TrainBinary()
    {
        var ml = new MLContext(seed: 1);
        var train = MotifData.Load(ml, 300, seed: 21);
        var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 2, Seed = 1 }))
            .Fit(train);
        return (ml, pipeline, pipeline.LastTransformer);
    }

    // Held-out rows of varied lengths: shorter and longer than the model's 50 bases, lowercase, an N, a gap.
    private static List<MotifData.Row> HeldOut()
    {
        var rows = MotifData.Generate(40, seed: 77);
        rows[0].Sequence = rows[0].Sequence[..31];
        rows[1].Sequence = rows[1].Sequence + "ACGTAC";
        rows[2].Sequence = rows[2].Sequence.ToLowerInvariant();
        rows[3].Sequence = "N" + rows[3].Sequence[1..];
        rows[4].Sequence = rows[4].Sequence[..49] + "-"; // a gap
        return rows;
    }

    [Fact]
    public void The_stock_pipeline_reproduces_the_scores_in_process_and_after_Save_and_Load()
    {
        var (ml, pipeline, cnn) = TrainBinary();
        using var dir = TestEnvironment.CreateTempDirectory();
        string onnx = Path.Combine(dir.Path, "model.onnx"), zip = Path.Combine(dir.Path, "scoring.zip");
        StockScoringPipeline.Save(ml, cnn.Model, onnx, zip, "Sequence", new CnnOnnxExportOptions { UnknownCharacters = UnknownCharacterPolicy.Zeros });

        var rows = HeldOut();
        var data = ml.Data.LoadFromEnumerable(rows);
        var expected = ml.Data.CreateEnumerable<Scores>(pipeline.Transform(data), reuseRowObject: false).ToList();

        var stock = ml.Model.Load(zip, out _);
        var scored = stock.Transform(data);
        var score = ReadFirst<float>(scored, "Score");
        var probability = ReadFirst<float>(scored, "Probability");
        var label = ReadFirst<bool>(scored, "PredictedLabel");
        var unknown = ReadFirst<float>(scored, "UnknownCharacters");
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.True(Math.Abs(expected[i].Score - score[i]) <= Tolerance, $"row {i}: Score {score[i]} vs {expected[i].Score}");
            Assert.True(Math.Abs(expected[i].Probability - probability[i]) <= Tolerance, $"row {i}: Probability {probability[i]} vs {expected[i].Probability}");
            Assert.Equal(expected[i].PredictedLabel, label[i]);
            Assert.Equal(0f, unknown[i]); // N (row 3) is a DNA ambiguity code, not an unknown character
        }
    }

    [Fact]
    public void An_application_with_only_stock_MLNet_scores_the_saved_zip_identically()
    {
        var (ml, pipeline, cnn) = TrainBinary();
        using var dir = TestEnvironment.CreateTempDirectory();
        string onnx = Path.Combine(dir.Path, "model.onnx"), zip = Path.Combine(dir.Path, "scoring.zip");
        StockScoringPipeline.Save(ml, cnn.Model, onnx, zip, "Sequence", new CnnOnnxExportOptions { UnknownCharacters = UnknownCharacterPolicy.Zeros });
        File.Delete(onnx); // the zip must carry the graph itself

        var rows = HeldOut();
        rows[5].Sequence = rows[5].Sequence[..10] + "X" + rows[5].Sequence[11..]; // unknown: scored as zeros, and counted
        string input = Path.Combine(dir.Path, "sequences.txt"), output = Path.Combine(dir.Path, "scores.tsv");
        File.WriteAllLines(input, rows.Select(r => r.Sequence));

        string root = TestEnvironment.RepositoryRoot;
        string project = Path.Combine(root, "test", "StockConsumer", "StockConsumer.csproj");
        var limit = TimeSpan.FromMinutes(5);
        DotnetCli.Run(root, limit, "build", project, "-c", TestEnvironment.BuildConfiguration).EnsureSuccess("building test/StockConsumer");
        string deps = File.ReadAllText(Path.Combine(root, "test", "StockConsumer", "bin", TestEnvironment.BuildConfiguration, "net10.0", "StockConsumer.deps.json"));
        Assert.DoesNotContain("TorchSharp", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Cnn.MLNet", deps, StringComparison.OrdinalIgnoreCase);
        DotnetCli.Run(root, limit, "run", "--project", project, "-c", TestEnvironment.BuildConfiguration, "--no-build", "--", zip, input, output).EnsureSuccess("running test/StockConsumer");

        var lines = File.ReadAllLines(output);
        var header = lines[0].Split('\t');
        int scoreAt = Array.IndexOf(header, "Score"), unknownAt = Array.IndexOf(header, "UnknownCharacters");
        Assert.True(scoreAt >= 0 && unknownAt >= 0, $"columns: {lines[0]}");
        Assert.Equal(rows.Count + 1, lines.Length);

        // What Cnn.MLNet gives for the same rows, the unknown character replaced by a gap: both encode
        // as an all-zero column (our scorer itself refuses an encoding that differs from the model's).
        var asGaps = rows.Select(r => new MotifData.Row { Sequence = r.Sequence.Replace('X', '-'), Label = r.Label }).ToList();
        var expected = ml.Data.CreateEnumerable<Scores>(pipeline.Transform(ml.Data.LoadFromEnumerable(asGaps)), reuseRowObject: false).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            var fields = lines[i + 1].Split('\t');
            float score = float.Parse(fields[scoreAt], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(expected[i].Score - score) <= Tolerance, $"row {i}: Score {score} vs {expected[i].Score}");
            Assert.Equal(i == 5 ? 1f : 0f, float.Parse(fields[unknownAt], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_model_whose_encoding_refuses_unknown_characters_is_refused_without_the_override()
    {
        var (ml, _, cnn) = TrainBinary();
        using var dir = TestEnvironment.CreateTempDirectory();
        var error = Assert.Throws<NotSupportedException>(() => StockScoringPipeline.Create(ml, cnn.Model, Path.Combine(dir.Path, "m.onnx")));
        Assert.Contains("UnknownCharacterPolicy.Error", error.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "m.onnx")));
    }

    // Every ONNX output reaches ML.NET as a vector ([1, K]); the first item of each row.
    private static TItem[] ReadFirst<TItem>(IDataView view, string name)
    {
        var column = view.Schema[name];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<TItem>>(column);
        var values = new List<TItem>();
        VBuffer<TItem> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value.GetItemOrDefault(0));
        }
        return values.ToArray();
    }
}
