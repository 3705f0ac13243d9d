using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Training overhead: steps per second of <c>Fit</c> through the trainer against a plain
/// TorchSharp loop over preloaded batch tensors, for the primer task (Zou2019, batch 32, Adam
/// 10⁻³, CPU). One operation is one training step (OperationsPerInvoke = steps per invocation).
/// Both sides build their network and optimiser inside the timed call; nothing is subtracted
/// from Fit (it also checks the schema, seeds TorchSharp, reads and shuffles the cached
/// IDataView into batches and checks features for NaN).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StepsConfig))]
public class TrainingOverheadBenchmarks
{
    /// <summary>Training rows (in memory, encoded, cached).</summary>
    public const int Rows = 3_200;

    /// <summary>Rows per step.</summary>
    public const int BatchSize = 32;

    /// <summary>Passes over the data per invocation.</summary>
    public const int Epochs = 2;

    /// <summary>Training steps per invocation.</summary>
    public const int Steps = Rows / BatchSize * Epochs;

    private IDataView _data = null!;
    private MLContext _ml = null!;
    private List<(Tensor X, Tensor Y)> _batches = [];

    /// <summary>Adds the steps/s column to this class's table.</summary>
    public sealed class StepsConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public StepsConfig() => AddColumn(new PerSecondColumn("steps/s", "Training steps per second (10⁹ / mean ns per step)"));
    }

    /// <summary>Encodes and caches the data, precomputes the baseline's batch tensors, creates the trainer (none of it timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureInitialized();
        var ml = new MLContext(seed: 1);
        var encoded = PrimerData.Encode(ml, Rows, seed: 11);
        _data = encoded.Data;
        var (features, labels) = PrimerData.ReadAll(_data);
        _batches = PrimerData.Batches(features, labels, BatchSize);
        _ml = ml;
    }

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
    /// The baseline: the same network and optimiser built directly, then per step one dispose
    /// scope, forward, BCE with logits, backward, Adam step and the loss read back (as the
    /// trainer does), over preloaded batch tensors in a fixed order.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public float PlainTorchLoop()
    {
        using var network = new CnnNetwork(NetworkPresets.Zou2019(), PrimerData.Channels, PrimerData.Length, 1);
        using var optimizer = optim.Adam(network.parameters(), 1e-3);
        network.train();
        float loss = 0;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            foreach (var (x, y) in _batches)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var batchLoss = nn.functional.binary_cross_entropy_with_logits(network.forward(x), y);
                batchLoss.backward();
                optimizer.step();
                loss = batchLoss.item<float>();
            }
        }
        return loss;
    }

    /// <summary>
    /// The trainer: <c>Fit</c> on the cached, encoded IDataView (shuffled every epoch) on the same
    /// intra-op thread count as the baseline (<c>IntraOpThreads</c> = the process's count); the model is disposed.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double TrainerFit() => Fit(torch.get_num_threads());

    /// <summary>
    /// The trainer with its own thread choice (<c>IntraOpThreads</c> unset: one thread per 16 MFLOP of
    /// a step, so one thread for this 12-MFLOP step): what a user gets by default, against the
    /// baseline on the process's count.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double TrainerFitAutomaticThreads() => Fit(null);

    private double Fit(int? threads)
    {
        var options = PrimerData.TrainerOptions(Epochs);
        options.IntraOpThreads = threads;
        var model = _ml.BinaryClassification.Trainers.Cnn(options).Fit(_data);
        using (model.Model) return model.Model.History[^1].TrainingLoss;
    }
}
