using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Tests.Evaluation;

[Collection(TorchCollection.Name)]
public class MultiTaskEvaluationTests
{
    [Fact]
    public void A_multi_task_model_is_evaluated_per_target_with_means_first()
    {
        var ml = new MLContext(1);
        var data = ml.Transforms.CopyColumns("Label", "Targets").Fit(MotifData.Load(ml, 600, 4)).Transform(MotifData.Load(ml, 600, 4));
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.CnnMultiTask(new CnnMultiTaskTrainer.Options { Targets = [TargetKind.Binary, TargetKind.Binary], Epochs = 8, Seed = 1 }))
            .Fit(data);
        var test = ml.Transforms.CopyColumns("Label", "Targets").Fit(MotifData.Load(ml, 200, 5)).Transform(MotifData.Load(ml, 200, 5));

        var metrics = SequenceModels.Evaluate(ml, model, test);
        Assert.Equal("multitask", metrics.TaskName);
        Assert.Equal(200, metrics.Rows);
        Assert.Equal(["meanAuroc", "meanAuprc", "target0.auroc", "target0.auprc", "target1.auroc", "target1.auprc"], metrics.Values.Select(v => v.Key));
        Assert.Equal((metrics["target0.auroc"] + metrics["target1.auroc"]) / 2, metrics["meanAuroc"], 9);
        Assert.True(metrics["meanAuroc"] > 0.8, $"mean auROC {metrics["meanAuroc"]:F3}");
    }
}
