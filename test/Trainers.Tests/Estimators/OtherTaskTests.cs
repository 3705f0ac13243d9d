using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Estimators;

[Collection(TorchGlobalState.Name)]
public class OtherTaskTests
{
    public sealed class ClassPrediction
    {
        public string PredictedClass { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void Multiclass_learns_four_classes_and_class_names_round_trip_through_MapKeyToValue()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50))
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Epochs = 15, Seed = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel"));
        var model = pipeline.Fit(MotifData.Load(ml, 1000, seed: 21));
        var test = MotifData.Load(ml, 300, seed: 22);
        var scored = model.Transform(test);

        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MacroAccuracy >= 0.9, $"macro accuracy {metrics.MacroAccuracy}");
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), scored.Schema["Score"].Type);
        Assert.Equal(4ul, Assert.IsType<KeyDataViewType>(scored.Schema["PredictedLabel"].Type).Count);

        var predictions = ml.Data.CreateEnumerable<ClassPrediction>(scored, false).ToList();
        var truth = ml.Data.CreateEnumerable<MotifData.Row>(test, false).Select(r => r.Class).ToList();
        Assert.All(predictions, p => Assert.Contains(p.PredictedClass, new[] { "A", "B", "AB", "none" }));
        Assert.All(predictions, p => Assert.Equal(1f, p.Score.Sum(), 4));
        Assert.True(predictions.Zip(truth).Count(x => x.First.PredictedClass == x.Second) >= 270);
    }

    [Fact]
    public void Regression_learns_the_motif_count()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.CopyColumns("Label", "Count")
            .Append(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50))
            .Append(ml.Regression.Trainers.Cnn(new CnnRegressionTrainer.Options { Epochs = 15, Seed = 1 }));
        var model = pipeline.Fit(MotifData.Load(ml, 1000, seed: 31));

        var metrics = ml.Regression.Evaluate(model.Transform(MotifData.Load(ml, 300, seed: 32)));
        Assert.True(metrics.RSquared >= 0.85, $"R² {metrics.RSquared}");
    }

    [Fact]
    public void Multi_task_learns_each_target_and_masks_missing_ones()
    {
        var ml = new MLContext(seed: 1);
        var rows = MotifData.Generate(1000, seed: 41);
        // Hide target B in every third row, target A in every fifth: those rows must not teach anything about them.
        for (int i = 0; i < rows.Count; i++)
        {
            if (i % 3 == 0) rows[i].Targets[1] = float.NaN;
            if (i % 5 == 0) rows[i].Targets[0] = float.NaN;
        }
        var pipeline = ml.Transforms.CopyColumns("Label", "Targets")
            .Append(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50))
            .Append(ml.BinaryClassification.Trainers.CnnMultiTask(new CnnMultiTaskTrainer.Options { Epochs = 15, Seed = 1 }));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
        Assert.All(model.LastTransformer.Model.History, h => Assert.True(double.IsFinite(h.TrainingLoss)));

        var test = MotifData.Generate(300, seed: 42);
        var scores = model.Transform(ml.Data.LoadFromEnumerable(test)).GetColumn<float[]>("Score").ToList();
        for (int t = 0; t < 2; t++)
        {
            int correct = test.Zip(scores).Count(x => (x.Second[t] > 0.5f) == (x.First.Targets[t] == 1f));
            Assert.True(correct >= 270, $"target {t}: {correct}/300 correct"); // chance is 150
            Assert.All(scores, s => Assert.InRange(s[t], 0f, 1f));
        }
    }

    [Fact]
    public void Multi_task_mixes_binary_and_regression_targets()
    {
        var ml = new MLContext(seed: 1);
        var rows = MotifData.Generate(600, seed: 43);
        foreach (var r in rows) r.Targets = [r.Targets[0], 3f * r.Count + 1f];
        var pipeline = ml.Transforms.CopyColumns("Label", "Targets")
            .Append(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50))
            .Append(ml.BinaryClassification.Trainers.CnnMultiTask(new CnnMultiTaskTrainer.Options
            {
                Epochs = 20,
                Seed = 1,
                Targets = [TargetKind.Binary, TargetKind.Regression],
            }));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));

        var test = MotifData.Generate(200, seed: 44);
        var scores = model.Transform(ml.Data.LoadFromEnumerable(test)).GetColumn<float[]>("Score").ToList();
        double rmse = Math.Sqrt(test.Zip(scores).Average(x => Math.Pow(x.Second[1] - (3f * x.First.Count + 1f), 2)));
        Assert.True(rmse < 1.2, $"rmse {rmse}; the target (1, 4 or 7) has a standard deviation of 2.1");
        int correct = test.Zip(scores).Count(x => (x.Second[0] > 0.5f) == x.First.Label);
        Assert.True(correct >= 180, $"binary target: {correct}/200 correct");
        Assert.True(scores.Any(s => s[1] > 4f), "the regression target is not squashed into [0, 1]");
    }
}
