using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>
/// Models saved before the networks used libtorch's own convolution and our own batch-norm module
/// (LegacyModels/README.md) still load and give the scores they gave when they were saved. The
/// kernels differ (unfold + matmul then, libtorch's convolution now), so scores agree to float32
/// rounding, not bit for bit.
/// </summary>
public class LegacyModelTests
{
    private const double Tolerance = 1e-5;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Persistence", "LegacyModels", name);

    [Fact]
    public void A_sequence_model_saved_with_unfolded_convolutions_scores_as_it_did()
    {
        var ml = new MLContext(1);
        var model = ml.Model.LoadCnn(Fixture("sequence-model.zip"), out _);
        var rows = File.ReadAllLines(Fixture("sequence-rows.tsv")).Select(line => line.Split('\t')).ToList();
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new SequenceRow { Sequence = r[0] }).ToList());

        var scores = model.Transform(data).GetColumn<float>("Score").ToArray();

        var expected = rows.Select(r => float.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Length, scores.Length);
        Assert.True(expected.Distinct().Count() > expected.Length / 2, "the stored scores should differ between rows");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(scores[i] - expected[i]) < Tolerance, $"row {i}: {scores[i]} now, {expected[i]} when saved");
    }

    [Fact]
    public void An_image_model_saved_with_unfolded_convolutions_scores_as_it_did()
    {
        var ml = new MLContext(1);
        var model = ml.Model.LoadCnn(Fixture("image-model.zip"), out _);
        var rows = File.ReadAllLines(Fixture("image-rows.tsv")).Select(line => line.Split('\t')).ToList();
        static float[] Floats(string text) => text.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new ImageRow { Pixels = Floats(r[0]), Class = "0" }).ToList());

        var scores = model.Transform(data).GetColumn<float[]>("Score").ToArray();

        for (int i = 0; i < rows.Count; i++)
        {
            var expected = Floats(rows[i][1]);
            Assert.Equal(expected.Length, scores[i].Length);
            for (int c = 0; c < expected.Length; c++)
                Assert.True(Math.Abs(scores[i][c] - expected[c]) < Tolerance, $"row {i}, class {c}: {scores[i][c]} now, {expected[c]} when saved");
        }
    }

    private sealed class SequenceRow
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }

    private sealed class ImageRow
    {
        [VectorType(432)]
        public float[] Pixels { get; set; } = [];
        public string Class { get; set; } = "";
    }
}
