using Cnn.MLNet.Trainers.Networks;
using Cnn.MLNet.Trainers.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Estimators;

[Collection(TorchGlobalState.Name)]
public class BinaryTrainerTests
{
    private static EstimatorChain<CnnPredictionTransformer> Pipeline(MLContext ml, CnnBinaryTrainer.Options? options = null) =>
        ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(options ?? new CnnBinaryTrainer.Options { Epochs = 12, Seed = 1 }));

    [Fact]
    public void Learns_a_planted_motif_and_the_stock_evaluator_reads_its_output()
    {
        var ml = new MLContext(seed: 1);
        var model = Pipeline(ml).Fit(MotifData.Load(ml, 800, seed: 1));
        var scored = model.Transform(MotifData.Load(ml, 300, seed: 2));

        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.True(metrics.Accuracy >= 0.95, $"accuracy {metrics.Accuracy}");
        Assert.True(metrics.AreaUnderRocCurve >= 0.97, $"auc {metrics.AreaUnderRocCurve}");
        Assert.True(metrics.LogLoss < 0.3, $"log loss {metrics.LogLoss}");
    }
}
