using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Image training: steps per second of <c>Fit</c> through the multiclass trainer against a plain
/// TorchSharp loop over preloaded batch tensors, for LeNet-5 on 3 × 32 × 32 shape images (three
/// classes, batch 32, Adam 10⁻³, cross-entropy, CPU). The image counterpart of
/// <see cref="TrainingOverheadBenchmarks"/>. One operation is one training step
/// (OperationsPerInvoke = steps per invocation). Both sides build their network and optimiser
/// inside the timed call; nothing is subtracted from Fit (schema checks, seeding, the cursor over
/// the cached IDataView, shuffling, batch copies, NaN checks).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ImagesConfig))]
public class ImageTrainingBenchmarks
{
    /// <summary>Images per class.</summary>
    public const int PerClass = 320;

    /// <summary>Training rows (in memory, cached).</summary>
    public const int Rows = PerClass * ShapeImageData.Classes;

    /// <summary>Rows per step.</summary>
    public const int BatchSize = 32;

    /// <summary>Passes over the data per invocation.</summary>
    public const int Epochs = 2;

    /// <summary>Training steps per invocation (every batch is full).</summary>
    public const int Steps = Rows / BatchSize * Epochs;

    private IDataView _data = null!;
    private MLContext _ml = null!;
    private List<(Tensor X, Tensor Y)> _batches = [];

    /// <summary>Adds the steps/s and images/s columns to this class's table.</summary>
    public sealed class ImagesConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public ImagesConfig()
        {
            AddColumn(new PerSecondColumn("steps/s", "Training steps per second (10⁹ / mean ns per step)"));
            AddColumn(new PerSecondColumn("images/s", $"Training images per second (steps/s × {BatchSize})", divisor: 1.0 / BatchSize));
        }
    }

    /// <summary>Generates and caches the images, precomputes the baseline's batch tensors, creates the trainer (none of it timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureInitialized();
        var ml = new MLContext(seed: 1);
        var rows = ShapeImageData.Generate(PerClass, seed: 11);
        _data = ShapeImageData.Load(ml, rows);
        _batches = ShapeImageData.Batches(rows, BatchSize);
        _ml = ml;
    }

    private CnnMulticlassTrainer.Options Options() => new()
    {
        Network = NetworkPresets.LeNet5(),
        Epochs = Epochs,
        BatchSize = BatchSize,
        Optimizer = Trainers.OptimizerKind.Adam,
        LearningRate = 1e-3,
        Shuffle = true,
        Seed = 1,
        // The baseline's thread count (the process's), so the comparison is the trainer's overhead alone.
        IntraOpThreads = torch.get_num_threads(),
    };

    /// <summary>Releases the baseline's tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (x, y) in _batches)
        {
            x.Dispose();
            y.Dispose();
        }
        _batches = [];
    }

    /// <summary>
    /// The baseline: the same network (<c>new CnnNetwork(NetworkPresets.LeNet5(), 3, 32, 32, 3)</c>)
    /// and optimiser built directly, then per step one dispose scope, forward, cross-entropy,
    /// backward, Adam step and the loss read back (as the trainer does), over preloaded batch
    /// tensors in a fixed order.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public float PlainTorchLoop()
    {
        using var network = new CnnNetwork(NetworkPresets.LeNet5(), ShapeImageData.Channels, ShapeImageData.Side, ShapeImageData.Side, ShapeImageData.Classes);
        using var optimizer = optim.Adam(network.parameters(), 1e-3);
        network.train();
        float loss = 0;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            foreach (var (x, y) in _batches)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var batchLoss = nn.functional.cross_entropy(network.forward(x), y);
                batchLoss.backward();
                optimizer.step();
                loss = batchLoss.item<float>();
            }
        }
        return loss;
    }

    /// <summary>The trainer: <c>Fit</c> on the cached image IDataView (shuffled every epoch); the model is disposed.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double TrainerFit()
    {
        var model = _ml.MulticlassClassification.Trainers.Cnn(Options()).Fit(_data);
        using (model.Model) return model.Model.History[^1].TrainingLoss;
    }
}
