using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>
/// Models saved by version 0.1.0, before the packages and namespaces were reorganised
/// (LegacyModels/README.md), still load and give the same scores and probabilities. The kernels
/// have not changed since, so the match is to float32 printing precision.
/// </summary>
[Collection(TorchCollection.Name)]
public class ReleaseModelTests
{
    private const double Tolerance = 1e-6;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Persistence", "LegacyModels", name);

    [Theory]
    [InlineData("kmer-binary-model.zip", "kmer-binary-rows.tsv")]
    [InlineData("ensemble-model.zip", "ensemble-rows.tsv")]
    public void A_model_saved_by_version_0_1_scores_as_it_did(string model, string rowsFile)
    {
        var ml = new MLContext(1);
        var loaded = ml.Model.LoadCnn(Fixture(model), out var inputSchema);
        Assert.NotNull(inputSchema.GetColumnOrNull("Sequence"));
        var rows = File.ReadAllLines(Fixture(rowsFile)).Select(line => line.Split('\t')).ToList();
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new SequenceRow { Sequence = r[0] }).ToList());

        var scored = loaded.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var probabilities = scored.GetColumn<float>("Probability").ToArray();

        Assert.Equal(rows.Count, scores.Length);
        Assert.True(rows.Select(r => r[1]).Distinct().Count() > rows.Count / 2, "the stored scores should differ between rows");
        for (int i = 0; i < rows.Count; i++)
        {
            float score = float.Parse(rows[i][1], CultureInfo.InvariantCulture), probability = float.Parse(rows[i][2], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(scores[i] - score) < Tolerance, $"row {i}: score {scores[i]} now, {score} when saved");
            Assert.True(Math.Abs(probabilities[i] - probability) < Tolerance, $"row {i}: probability {probabilities[i]} now, {probability} when saved");
        }
    }

    private sealed class SequenceRow
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }
}
