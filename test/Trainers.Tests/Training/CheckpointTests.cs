using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using TorchSharp;

namespace Cnn.MLNet.Trainers.Tests.Training;

/// <summary>
/// Checkpoints, resuming, cancellation and divergence: an interrupted run resumed from its
/// checkpoint ends with exactly the weights of an uninterrupted one; damaged or foreign
/// checkpoints are refused by name; cancellation stops between batches; a NaN or infinite loss
/// stops with the last good weights.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class CheckpointTests
{
    // Batch norm, dropout (global random state) and a validation set (best weights, early-stopping counters) all cross epochs.
    private static NetworkSpec Spec() => new()
    {
        Name = "checkpointed",
        Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 9, Pool = Pooling.Max, PoolSize = 4, BatchNorm = true }],
        Head = [new DenseLayerSpec { Units = 8, Dropout = 0.3 }],
    };

    private static (MLContext Ml, IDataView Train, IDataView Validation) Data()
    {
        var ml = new MLContext(seed: 1);
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50);
        var train = MotifData.Load(ml, 160, seed: 31);
        var validation = MotifData.Load(ml, 60, seed: 32);
        var fitted = encoder.Fit(train);
        return (ml, fitted.Transform(train), fitted.Transform(validation));
    }

    private static CnnBinaryTrainer.Options Options(string? directory, bool resume = false, CancellationToken cancel = default, IProgress<EpochReport>? progress = null) => new()
    {
        Network = Spec(),
        Epochs = 5,
        BatchSize = 16,
        Seed = 7,
        Shuffle = true,
        EarlyStoppingPatience = 10,
        Schedule = LearningRateSchedule.ReduceOnPlateau,
        PlateauPatience = 1,
        CheckpointDirectory = directory,
        Resume = resume,
        CancellationToken = cancel,
        Progress = progress,
    };

    private static Dictionary<string, float[]> Weights(CnnModel model) =>
        model.Network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().cpu().to_type(torch.ScalarType.Float32).data<float>().ToArray());

    [Fact]
    public void A_run_interrupted_after_epoch_2_and_resumed_ends_with_the_weights_of_an_uninterrupted_run()
    {
        var (ml, train, validation) = Data();
        using var dir = TestEnvironment.CreateTempDirectory();
        var uninterrupted = ml.BinaryClassification.Trainers.Cnn(Options(null)).Fit(train, validation);

        using var cancel = new CancellationTokenSource();
        var stopAfterTwo = new SyncProgress(r => { if (r.Epoch == 2) cancel.Cancel(); });
        var stopped = Assert.Throws<OperationCanceledException>(() => ml.BinaryClassification.Trainers.Cnn(Options(dir.Path, cancel: cancel.Token, progress: stopAfterTwo)).Fit(train, validation));
        Assert.Contains("epoch 3", stopped.Message);
        Assert.True(File.Exists(Path.Combine(dir.Path, "checkpoint.cnnckpt")));

        var resumed = ml.BinaryClassification.Trainers.Cnn(Options(dir.Path, resume: true)).Fit(train, validation);
        Assert.Equal(uninterrupted.Model.History.Select(h => (h.Epoch, h.TrainingLoss, h.ValidationLoss, h.LearningRate)),
            resumed.Model.History.Select(h => (h.Epoch, h.TrainingLoss, h.ValidationLoss, h.LearningRate)));
        var expected = Weights(uninterrupted.Model);
        var actual = Weights(resumed.Model);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected) Assert.True(values.SequenceEqual(actual[name]), $"{name} differs after resuming");
        uninterrupted.Model.Dispose();
        resumed.Model.Dispose();
    }

    [Fact]
    public void Resuming_with_other_settings_or_a_damaged_file_is_refused_by_name()
    {
        var (ml, train, validation) = Data();
        using var dir = TestEnvironment.CreateTempDirectory();
        var options = Options(dir.Path);
        options.Epochs = 1;
        ml.BinaryClassification.Trainers.Cnn(options).Fit(train, validation).Model.Dispose();
        string file = Path.Combine(dir.Path, "checkpoint.cnnckpt");

        var other = Options(dir.Path, resume: true);
        other.Epochs = 1;
        other.LearningRate = 0.01;
        var foreign = Assert.Throws<InvalidOperationException>(() => ml.BinaryClassification.Trainers.Cnn(other).Fit(train, validation));
        Assert.Contains("other settings", foreign.Message);
        Assert.Contains(file, foreign.Message);

        var same = Options(dir.Path, resume: true);
        same.Epochs = 1;
        byte[] bytes = File.ReadAllBytes(file);
        bytes[^100] ^= 0x10; // one bit flipped in the weights
        File.WriteAllBytes(file, bytes);
        var flipped = Assert.Throws<InvalidDataException>(() => ml.BinaryClassification.Trainers.Cnn(same).Fit(train, validation));
        Assert.Contains("SHA-256", flipped.Message);

        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<InvalidDataException>(() => ml.BinaryClassification.Trainers.Cnn(same).Fit(train, validation));
        Assert.Contains("truncated", truncated.Message);
    }

    // Per-epoch seeds must not change between processes (HashCode.Combine does: a resumed process shuffled differently).
    [Fact]
    public void Epoch_seeds_are_the_same_in_every_process() =>
        Assert.Equal(new[] { 638656911, 101841149, 486982573 }, new[] { TrainingLoop.EpochSeed(7, 3, 1), TrainingLoop.EpochSeed(7, 3, 2), TrainingLoop.EpochSeed(1, 1, 1) });

    [Fact]
    public void MLContext_CancelExecution_stops_training_between_batches()
    {
        var (ml, train, validation) = Data();
        var options = Options(null, progress: new SyncProgress(_ => HostEnvironmentAccess.Cancel(ml)));
        var error = Assert.Throws<OperationCanceledException>(() => ml.BinaryClassification.Trainers.Cnn(options).Fit(train, validation));
        Assert.Contains("cancelled in epoch 2", error.Message);
    }

    [Fact]
    public void An_infinite_loss_stops_training_with_the_last_good_weights()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 64).Select(i => new RegressionRow { Features = Enumerable.Range(0, 20).Select(j => (float)((i * 7 + j) % 5)).ToArray(), Label = 1e30f * (i % 3) }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = new CnnRegressionTrainer.Options
        {
            Channels = 1,
            Network = new NetworkSpec { Name = "tiny", Trunk = [new ConvBlockSpec { Filters = 2, KernelSize = 3 }] },
            Epochs = 3,
            BatchSize = 8,
            Seed = 1,
            LearningRate = 1,
        };
        var error = Assert.Throws<CnnTrainingDivergedException>(() => ml.Regression.Trainers.Cnn(options).Fit(data));
        Assert.Contains("epoch 1, batch", error.Message);
        using var last = error.LastGoodModel;
        Assert.All(Weights(last).Values.SelectMany(v => v), w => Assert.True(float.IsFinite(w)));
        var scores = new float[8];
        last.Forward(rows.Take(8).SelectMany(r => r.Features).ToArray(), 8, scores);
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
    }

    public sealed class RegressionRow
    {
        [Microsoft.ML.Data.VectorType(20)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
