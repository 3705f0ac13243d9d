using Microsoft.ML;

namespace Cnn.MLNet.Trainers.Tests.Estimators;

[Collection(TorchGlobalState.Name)]
public class TrainingBehaviourTests
{
    private static IDataView Encode(MLContext ml, IDataView data) =>
        ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(data).Transform(data);

    [Fact]
    public void Validation_stops_early_and_keeps_the_best_epochs_weights()
    {
        var ml = new MLContext(seed: 1);
        var train = Encode(ml, MotifData.Load(ml, 400, seed: 51));
        // Validation labels are coin flips: the better the model fits the motif, the worse its validation loss.
        var noisy = MotifData.Generate(200, seed: 52);
        var coin = new Random(5);
        foreach (var r in noisy) r.Label = coin.Next(2) == 1;
        var validation = Encode(ml, ml.Data.LoadFromEnumerable(noisy));
        var reports = new List<EpochReport>();

        var model = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
        {
            Epochs = 30,
            Seed = 1,
            EarlyStoppingPatience = 2,
            Progress = new SynchronousProgress<EpochReport>(reports.Add),
        }).Fit(train, validation);

        var history = model.Model.History;
        Assert.Equal(history, reports);
        Assert.True(history.Count < 30, $"ran all {history.Count} epochs");
        var best = history.MinBy(h => h.ValidationLoss!.Value)!;
        Assert.Equal(history.Count - 2, best.Epoch);                      // stopped exactly `patience` epochs after the best
        Assert.True(best.IsBest);
        Assert.All(history, h => Assert.Equal("accuracy", h.MetricName));
        // The kept weights are the best epoch's: their validation loss (natural log) is the best one reported.
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(validation));
        Assert.Equal(best.ValidationLoss!.Value, metrics.LogLoss * Math.Log(2), 3);
    }

    [Fact]
    public void Progress_and_the_MLContext_log_get_one_report_per_epoch()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { if (e.Message.Contains("Cnn trainer: epoch")) log.Add(e.Message); };
        var reports = new List<EpochReport>();

        ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 3, Seed = 1, Progress = new SynchronousProgress<EpochReport>(reports.Add) })
            .Fit(Encode(ml, MotifData.Load(ml, 100, seed: 53)));

        Assert.Equal(new[] { 1, 2, 3 }, reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(100, r.Rows));
        Assert.True(reports[2].TrainingLoss < reports[0].TrainingLoss);
        Assert.Equal(3, log.Count);
        Assert.Contains("epoch 2/3: loss", log[1]);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Sgd)]
    public void Every_optimiser_reduces_the_loss(OptimizerKind optimizer)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
        {
            Epochs = 4,
            Seed = 1,
            Optimizer = optimizer,
            LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 1e-3,
            WeightDecay = 1e-4,
        }).Fit(Encode(ml, MotifData.Load(ml, 300, seed: 54)));

        var history = model.Model.History;
        Assert.True(history[^1].TrainingLoss < history[0].TrainingLoss * 0.95, $"{optimizer}: {history[0].TrainingLoss} → {history[^1].TrainingLoss}");
    }

    [Fact]
    public void Step_schedule_is_applied_to_the_optimiser()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
        {
            Epochs = 5,
            Seed = 1,
            Schedule = LearningRateSchedule.Step,
            StepEpochs = 2,
            StepGamma = 0.5,
            LearningRate = 0.01,
        }).Fit(Encode(ml, MotifData.Load(ml, 64, seed: 55)));

        Assert.Equal(new[] { 0.01, 0.01, 0.005, 0.005, 0.0025 }, model.Model.History.Select(h => Math.Round(h.LearningRate, 6)));
    }

    [Fact]
    public void Schedules_follow_their_formulas()
    {
        var cosine = new LearningRateScheduler(new CnnBinaryTrainer.Options { Schedule = LearningRateSchedule.Cosine, LearningRate = 1, Epochs = 4 });
        Assert.Equal(new[] { 1, 0.853553, 0.5, 0.146447 }, Enumerable.Range(1, 4).Select(e => Math.Round(cosine.RateFor(e), 6)));

        var plateau = new LearningRateScheduler(new CnnBinaryTrainer.Options { Schedule = LearningRateSchedule.ReduceOnPlateau, LearningRate = 1, PlateauPatience = 2, PlateauFactor = 0.5 });
        var rates = new List<double>();
        foreach (var loss in new[] { 1.0, 0.9, 0.95, 0.97, 0.8, 0.85, 0.86 })
        {
            rates.Add(plateau.RateFor(rates.Count + 1));
            plateau.EndEpoch(loss);
        }
        Assert.Equal(new[] { 1, 1, 1, 1, 0.5, 0.5, 0.5 }, rates);
        Assert.Equal(0.25, plateau.RateFor(8));
    }

    [Fact]
    public void Gradient_clipping_bounds_each_step()
    {
        float MaxWeightChange(double? clip)
        {
            var ml = new MLContext(seed: 1);
            var options = new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1, Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.1, GradientClipNorm = clip };
            var data = Encode(ml, MotifData.Load(ml, 64, seed: 56));
            var before = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1, LearningRate = 1e-30, Optimizer = OptimizerKind.Sgd, Momentum = 0 })
                .Fit(data).Model.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
            var after = ml.BinaryClassification.Trainers.Cnn(options).Fit(data).Model.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
            return before.Zip(after).Max(x => Math.Abs(x.First - x.Second));
        }

        // Two steps of SGD (64 rows, batch 32) with lr 0.1 and norm ≤ 1e-6 move no weight by more than 2e-7.
        Assert.True(MaxWeightChange(1e-6) <= 2.1e-7f);
        Assert.True(MaxWeightChange(null) > 1e-4f);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the report before Fit returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
