using Cnn.MLNet.Onnx.Tests.Support;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace Cnn.MLNet.Onnx.Tests;

/// <summary>
/// Profile (BPNet) and binned-track models exported to ONNX: the track head, reverse-complement
/// averaging with the reverse strand realigned, and every scoring column, run in ONNX Runtime and
/// compared with our own ML.NET scoring of the same rows.
/// </summary>
public class TrackModelOnnxTests(ITestOutputHelper output)
{
    // Relative above 1: a Poisson rate is exp(raw), so float32's rounding of a raw output near 5 is already ~1e-4 in a rate near 150.
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Profile_models_export_every_column_with_parity(bool averageReverseComplement)
    {
        using var built = TrackModels.Profile(averageReverseComplement, seed: 31);
        int values = TrackModels.Tracks * TrackModels.OutputLength;
        var widths = new Dictionary<string, int>
        {
            [ProfileOutputColumns.Profile] = values,
            [ProfileOutputColumns.Probabilities] = values,
            [ProfileOutputColumns.Count] = TrackModels.Tracks,
            [ProfileOutputColumns.LogCount] = TrackModels.Tracks,
        };
        CheckParity(built, widths, $"profile, RC average {averageReverseComplement}");
    }

    [Theory]
    [InlineData(TrackLoss.Poisson, 4, false)]
    [InlineData(TrackLoss.Poisson, 4, true)]
    [InlineData(TrackLoss.Mse, 1, true)]
    public void Binned_track_models_export_their_score_with_parity(TrackLoss loss, int binSize, bool averageReverseComplement)
    {
        using var built = TrackModels.Binned(loss, binSize, averageReverseComplement, seed: 32);
        var widths = new Dictionary<string, int> { [ProfileOutputColumns.Score] = TrackModels.Tracks * TrackModels.OutputLength / binSize };
        CheckParity(built, widths, $"binned {loss} ×{binSize}, RC average {averageReverseComplement}");
    }

    [Fact]
    public void The_stock_pipeline_scores_a_profile_model_like_ours()
    {
        using var built = TrackModels.Profile(averageReverseComplement: true, seed: 33);
        string directory = Path.Combine(Path.GetTempPath(), $"cnn-onnx-track-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var stock = StockScoringPipeline.Create(built.Ml, built.Model, Path.Combine(directory, "profile.onnx"),
                options: new CnnOnnxExportOptions { UnknownCharacters = UnknownCharacterPolicy.Zeros }).Fit(built.Sequences).Transform(built.Sequences);
            var ours = Ours(built);
            foreach (var column in new[] { ProfileOutputColumns.Profile, ProfileOutputColumns.Probabilities, ProfileOutputColumns.Count, ProfileOutputColumns.LogCount })
            {
                var actual = stock.GetColumn<float[]>(column).SelectMany(v => v).ToArray();
                var expected = ours.GetColumn<float[]>(column).SelectMany(v => v).ToArray();
                double error = MaxScaledError(actual, expected);
                output.WriteLine($"stock {column}: max error = {error:E2}");
                Assert.True(error <= Tolerance, $"stock pipeline {column} differs from our scoring by up to {error:E3}.");
            }
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void Ensembles_of_track_models_are_refused()
    {
        using var a = TrackModels.Profile(averageReverseComplement: false, seed: 34);
        using var b = TrackModels.Profile(averageReverseComplement: false, seed: 35);
        var error = Assert.Throws<NotSupportedException>(() => CnnOnnx.EnsembleToBytes([a.Model, b.Model]));
        Assert.Contains("Profile", error.Message);
    }

    private static IDataView Ours(TrackModels.Built built) =>
        new CnnPredictionTransformer(built.Model, "Features", scoringBatchSize: 4).Transform(built.Encoded);

    private void CheckParity(TrackModels.Built built, IReadOnlyDictionary<string, int> widths, string what)
    {
        var features = built.Encoded.GetColumn<float[]>("Features").ToArray();
        int rows = features.Length, size = built.Model.Input.Size;
        using var session = new InferenceSession(CnnOnnx.ToBytes(built.Model));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", new DenseTensor<float>(features.SelectMany(f => f).ToArray(), new[] { rows, size }))]);
        var outputs = results.ToDictionary(r => r.Name, r => r.AsTensor<float>());
        Assert.Equal(widths.Keys.Order(), outputs.Keys.Order());
        var ours = Ours(built);
        foreach (var (column, width) in widths)
        {
            Assert.Equal([rows, width], outputs[column].Dimensions.ToArray());
            var expected = ours.GetColumn<float[]>(column).SelectMany(v => v).ToArray();
            double error = MaxScaledError(outputs[column].ToArray(), expected);
            double spread = expected.Max() - expected.Min();
            output.WriteLine($"{what}: {column} max error = {error:E2} (values span {spread:G3})");
            Assert.True(error <= Tolerance, $"{what}: {column} differs from our scoring by up to {error:E3} (tolerance {Tolerance:E0}).");
        }
    }

    // The largest |actual − expected| / max(1, |expected|): absolute for values up to 1, relative above.
    private static double MaxScaledError(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]), $"ONNX output {i} is {actual[i]}");
            max = Math.Max(max, Math.Abs((double)actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
        }
        return max;
    }
}
