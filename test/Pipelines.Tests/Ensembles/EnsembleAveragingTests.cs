using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using static Cnn.MLNet.Pipelines.Tests.Ensembles.ColumnValues;

namespace Cnn.MLNet.Pipelines.Tests.Ensembles;

/// <summary>The ensemble's columns equal the hand-computed average of its members' columns, and ML.NET's tools take them.</summary>
[Collection(TorchCollection.Name)]
public sealed class EnsembleAveragingTests(EnsembleMembers members) : IClassFixture<EnsembleMembers>
{
    [Fact]
    public void Binary_probability_is_the_mean_and_score_its_logit()
    {
        var ml = new MLContext(seed: 1);
        var test = EnsembleMembers.BinaryData(ml, EnsembleMembers.TestRows);
        var ensemble = ml.Model.CreateCnnEnsemble(members.Binary, test.Schema);
        var scored = ensemble.Transform(test);

        var p0 = Floats(members.Binary[0].Transform(test), "Probability");
        var p1 = Floats(members.Binary[1].Transform(test), "Probability");
        var probability = Floats(scored, "Probability");
        var score = Floats(scored, "Score");
        var predicted = Bools(scored, "PredictedLabel");
        Assert.NotEqual(p0, p1); // different networks and encodings really disagree
        for (int i = 0; i < probability.Length; i++)
        {
            double mean = ((double)p0[i] + p1[i]) / 2;
            Assert.Equal((float)mean, probability[i]);
            Assert.Equal(Math.Log(mean / (1 - mean)), score[i], 1e-4);
            Assert.Equal(score[i] > 0, predicted[i]);
        }
        Assert.Equal(["Sequence", "Label", "Score", "Probability", "PredictedLabel"], scored.Schema.Select(c => c.Name));

        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.InRange(metrics.AreaUnderRocCurve, 0, 1);
        Assert.Equal(metrics.AreaUnderRocCurve, SequenceModels.Evaluate(ml, ensemble, test)["auc"], 12);
        Assert.Equal(CnnTaskKind.BinaryClassification, SequenceModels.TaskOf(ensemble));
    }

    [Fact]
    public void Binary_logit_of_mean_stays_finite_when_member_probabilities_round_to_one()
    {
        Assert.Equal(0f, BinaryScoreAveraging.LogitOfMeanProbability([3f, -3f]), 6);
        float saturated = BinaryScoreAveraging.LogitOfMeanProbability([40f, 50f]);
        Assert.True(float.IsFinite(saturated) && saturated > 39, $"logit {saturated}");
        // logit(mean(σ(2), σ(0))) by hand.
        double mean = (1 / (1 + Math.Exp(-2)) + 0.5) / 2;
        Assert.Equal(Math.Log(mean / (1 - mean)), BinaryScoreAveraging.LogitOfMeanProbability([2f, 0f]), 5);
    }

    [Fact]
    public void Multiclass_score_is_the_mean_vector_and_label_its_argmax_with_class_names()
    {
        var ml = new MLContext(seed: 1);
        var test = EnsembleMembers.ClassData(ml, EnsembleMembers.TestRows);
        var ensemble = ml.Model.CreateCnnEnsemble(members.Multiclass, test.Schema);
        var scored = ensemble.Transform(test);

        var s0 = Vectors(members.Multiclass[0].Transform(test), "Score");
        var s1 = Vectors(members.Multiclass[1].Transform(test), "Score");
        var score = Vectors(scored, "Score");
        var keys = Keys(scored, "PredictedLabel");
        var names = Texts(scored, SequenceModels.PredictedClassColumn);
        var classes = ensemble.ClassNames!;
        Assert.Equal(4, classes.Count);
        for (int i = 0; i < score.Length; i++)
        {
            var mean = s0[i].Zip(s1[i], (a, b) => (float)(((double)a + b) / 2)).ToArray();
            Assert.Equal(mean, score[i]);
            int best = Array.IndexOf(mean, mean.Max());
            Assert.Equal((uint)best + 1, keys[i]);
            Assert.Equal(classes[best], names[i]);
        }
        Assert.Equal(["Sequence", "Label", "Score", "PredictedLabel", SequenceModels.PredictedClassColumn], scored.Schema.Select(c => c.Name));

        var metrics = SequenceModels.Evaluate(ml, ensemble, test);
        Assert.InRange(metrics["microAccuracy"], 0, 1);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", "Label",
            keyData: ml.Data.LoadFromEnumerable(classes.Select(c => new ClassName { Label = c }))).Fit(test).Transform(test);
        Assert.Equal(metrics["microAccuracy"], ml.MulticlassClassification.Evaluate(ensemble.Transform(keyed)).MicroAccuracy, 12);
    }

    [Fact]
    public void Regression_score_is_the_mean()
    {
        var ml = new MLContext(seed: 1);
        var test = EnsembleMembers.CountData(ml, EnsembleMembers.TestRows);
        var ensemble = ml.Model.CreateCnnEnsemble(members.Regression, test.Schema);
        var scored = ensemble.Transform(test);

        var s0 = Floats(members.Regression[0].Transform(test), "Score");
        var s1 = Floats(members.Regression[1].Transform(test), "Score");
        Assert.Equal(s0.Zip(s1, (a, b) => (float)(((double)a + b) / 2)), Floats(scored, "Score"));
        var metrics = ml.Regression.Evaluate(scored);
        Assert.Equal(metrics.RootMeanSquaredError, SequenceModels.Evaluate(ml, ensemble, test)["rmse"], 12);
    }

    [Fact]
    public void PredictionEngine_gives_the_same_rows_as_Transform()
    {
        var ml = new MLContext(seed: 1);
        var test = EnsembleMembers.BinaryData(ml, EnsembleMembers.TestRows);
        var ensemble = ml.Model.CreateCnnEnsemble(members.Binary, test.Schema);
        var scored = ensemble.Transform(test);
        var score = Floats(scored, "Score");
        var probability = Floats(scored, "Probability");
        var engine = ml.Model.CreatePredictionEngine<EnsembleMembers.BinaryRow, BinaryPrediction>(ensemble);
        var rows = EnsembleMembers.TestRows.Take(20).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            var prediction = engine.Predict(new EnsembleMembers.BinaryRow { Sequence = rows[i].Sequence, Label = rows[i].Label });
            Assert.Equal(score[i], prediction.Score, 5);
            Assert.Equal(probability[i], prediction.Probability, 5);
            Assert.Equal(prediction.Score > 0, prediction.PredictedLabel);
        }
    }

    [Fact]
    public void Three_members_with_different_networks_are_averaged_equally()
    {
        var ml = new MLContext(seed: 1);
        var test = EnsembleMembers.CountData(ml, EnsembleMembers.TestRows);
        ITransformer[] three = [members.Regression[0], members.Regression[1], members.Regression[0]];
        var scored = ml.Model.CreateCnnEnsemble(three, test.Schema).Transform(test);
        var s0 = Floats(members.Regression[0].Transform(test), "Score");
        var s1 = Floats(members.Regression[1].Transform(test), "Score");
        Assert.Equal(s0.Zip(s1, (a, b) => (float)(((double)a + b + a) / 3)), Floats(scored, "Score"));
    }

    private sealed class ClassName
    {
        public string Label { get; set; } = "";
    }
}
