using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Attribution;

/// <summary>On data with a planted motif, attributions of a trained network point at the motif.</summary>
[Collection(TorchGlobalState.Name)]
public class PlantedMotifAttributionTests
{
    private const int MotifLength = 12;

    public sealed class Output
    {
        public string Sequence { get; set; } = "";
        [VectorType(50)] public float[] Attribution { get; set; } = [];
    }

    [Theory]
    [InlineData(AttributionMethod.Saliency)]
    [InlineData(AttributionMethod.InSilicoMutagenesis)]
    [InlineData(AttributionMethod.DeepLift)]
    [InlineData(AttributionMethod.IntegratedGradients)]
    public void The_strongest_position_lies_inside_the_planted_motif_for_most_positives(AttributionMethod method)
    {
        var ml = new MLContext(seed: 1);
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50);
        var model = encoder.Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 12, Seed = 1 })).Fit(MotifData.Load(ml, 800, seed: 71));
        var positives = MotifData.Generate(300, seed: 72).Where(r => r.StartA >= 0).ToList();
        var encoded = model.Take(1).Single().Transform(ml.Data.LoadFromEnumerable(positives));

        var options = new AttributionOptions { Method = method, Shape = AttributionShape.PerPosition, References = 10 };
        var attributed = ml.Transforms.ComputeAttributions(model.LastTransformer, options).Fit(encoded).Transform(encoded);
        var rows = ml.Data.CreateEnumerable<Output>(attributed, false).ToList();

        int inside = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var values = rows[i].Attribution;
            int peak = Enumerable.Range(0, values.Length).MaxBy(p => Math.Abs(values[p]));
            if (peak >= positives[i].StartA && peak < positives[i].StartA + MotifLength) inside++;
        }
        double fraction = (double)inside / rows.Count;
        // Measured on the 2-core VM: saliency 116/141 = 82.3 %, in-silico mutagenesis 141/141 = 100 %.
        Assert.True(fraction >= 0.75, $"{method}: peak inside the motif for {inside}/{rows.Count} = {fraction:P1} of positives");
    }

    [Fact]
    public void Batched_Transform_and_PredictionEngine_agree()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1, ScoringBatchSize = 7 }));
        var model = pipeline.Fit(MotifData.Load(ml, 64, seed: 73));
        var chain = model.Append(ml.Transforms.ComputeAttributions(model.LastTransformer, AttributionMethod.Saliency, AttributionShape.PerPosition).Fit(model.Transform(MotifData.Load(ml, 4, seed: 74))));
        var rows = MotifData.Generate(20, seed: 75);

        var batched = ml.Data.CreateEnumerable<Output>(chain.Transform(ml.Data.LoadFromEnumerable(rows)), false).ToList();
        using var engine = ml.Model.CreatePredictionEngine<MotifData.Row, Output>(chain);
        for (int i = 0; i < rows.Count; i++)
        {
            var single = engine.Predict(rows[i]).Attribution;
            for (int p = 0; p < single.Length; p++)
                Assert.True(Math.Abs(single[p] - batched[i].Attribution[p]) <= 1e-5 * Math.Max(1, Math.Abs(single[p])), $"row {i}, position {p}");
        }
    }
}
