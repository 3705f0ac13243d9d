using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Evaluation;

[Collection(TorchGlobalState.Name)]
public class MultiTaskMetricsTests
{
    private sealed class Scored
    {
        [VectorType(3)] public float[] Label { get; set; } = [];
        [VectorType(3)] public float[] Score { get; set; } = [];
    }

    [Fact]
    public void Per_target_areas_match_hand_computed_values_with_missing_labels_masked()
    {
        var ml = new MLContext(1);
        // Target 0 (binary): positives score 0.9, 0.4; negatives 0.1, 0.6 → 3 of 4 pairs ordered: auROC 0.75.
        // Target 1 (binary): only positives present (NaN elsewhere) → no curve.
        // Target 2 (regression): errors 1, −1, 0, 2 → RMSE √1.5.
        var rows = new[]
        {
            new Scored { Label = [1, 1, 3], Score = [0.9f, 0.2f, 2] },
            new Scored { Label = [0, float.NaN, 1], Score = [0.1f, 0.3f, 2] },
            new Scored { Label = [1, float.NaN, 5], Score = [0.4f, 0.4f, 5] },
            new Scored { Label = [0, 1, 0], Score = [0.6f, 0.8f, 2] },
            new Scored { Label = [float.NaN, float.NaN, float.NaN], Score = [0.5f, 0.5f, 0.5f] },
        };
        var metrics = MultiTaskMetrics.Evaluate(ml, ml.Data.LoadFromEnumerable(rows), [TargetKind.Binary, TargetKind.Binary, TargetKind.Regression]);

        var t0 = metrics.Targets[0];
        Assert.Equal((4L, 2L), (t0.Rows, t0.Positives));
        Assert.Equal(0.75, t0.AreaUnderRocCurve, 6);
        Assert.InRange(t0.AreaUnderPrecisionRecallCurve, 0.5, 1.0);
        Assert.True(double.IsNaN(t0.RootMeanSquaredError));

        var t1 = metrics.Targets[1];
        Assert.Equal((2L, 2L), (t1.Rows, t1.Positives));
        Assert.True(double.IsNaN(t1.AreaUnderRocCurve));

        var t2 = metrics.Targets[2];
        Assert.Equal(4L, t2.Rows);
        Assert.Equal(Math.Sqrt(1.5), t2.RootMeanSquaredError, 5);
        Assert.Equal(0.75, metrics.MeanAreaUnderRocCurve, 6);   // NaN targets are left out of the mean
    }

    [Fact]
    public void A_trained_multi_task_model_separates_both_motifs()
    {
        var ml = new MLContext(1);
        var encode = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50);
        IDataView Encoded(int count, int seed)
        {
            var data = ml.Transforms.CopyColumns("Label", "Targets").Fit(MotifData.Load(ml, count, seed)).Transform(MotifData.Load(ml, count, seed));
            return encode.Fit(data).Transform(data);
        }
        var model = ml.BinaryClassification.Trainers.CnnMultiTask(new CnnMultiTaskTrainer.Options { Targets = [TargetKind.Binary, TargetKind.Binary], Epochs = 10, Seed = 1 }).Fit(Encoded(800, 1));
        var metrics = MultiTaskMetrics.Evaluate(ml, model, model.Transform(Encoded(300, 2)));
        Assert.Equal(2, metrics.Targets.Count);
        Assert.All(metrics.Targets, t => Assert.True(t.AreaUnderRocCurve > 0.95, $"target {t.Index}: auROC {t.AreaUnderRocCurve:F3}"));
        Assert.All(metrics.Targets, t => Assert.True(t.AreaUnderPrecisionRecallCurve > 0.9, $"target {t.Index}: auPRC {t.AreaUnderPrecisionRecallCurve:F3}"));
        Assert.Throws<ArgumentException>(() => MultiTaskMetrics.Evaluate(ml, model, model.Transform(Encoded(10, 3)), labelColumnName: "Sequence"));
    }
}
