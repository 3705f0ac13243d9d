using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Cnn.MLNet.Benchmarks.Suite;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Achieved model FLOP/s of the Zou2019 network on the primer task as a fraction of this
/// machine's dense float32 matrix-multiply FLOP/s, both measured in the same run under the current
/// intra-op thread setting (TorchSharp's default unless <c>OMP_NUM_THREADS</c> is set).
/// <para>
/// The baseline, <see cref="MatmulPeak"/>, is <c>torch.mm</c> of two 1024 × 1024 float32 matrices,
/// 2·n³ FLOPs per multiply. The network's FLOPs are counted analytically from its layer shapes
/// (valid convolution 4 × 50 → 32 × 39, max pool 4 → 32 × 9, dense 288 → 16 → 1): forward per row
/// conv 2·F·C·K·L_out = 2·32·4·12·39 = 119,808 and dense 2·in·out = 2·288·16 + 2·16·1 = 9,248, so
/// 129,056 FLOPs; a training step counts 3 × forward (the usual rule: the backward pass computes
/// one gradient with respect to the inputs and one with respect to the weights, each as costly as
/// the forward). Bias additions, ReLU, pooling, the loss and the Adam update are not counted (a few
/// per cent at most). The first convolution's input gradient is not needed (its input is data), so
/// the rule overcounts that layer's backward by a third: the training fractions are upper bounds.
/// </para>
/// One operation is one multiply, one training step or one forward batch; the network and its
/// optimiser are built once in the global setup and keep training across invocations (the cost
/// does not depend on the weights).
/// </summary>
[Config(typeof(FlopsConfig))]
public class FlopsBenchmarks
{
    /// <summary>Side of the square matrices of the baseline.</summary>
    public const int MatrixSide = 1024;

    /// <summary>Multiplies per invocation of the baseline.</summary>
    public const int Multiplies = 4;

    /// <summary>FLOPs of one multiply: 2·n³.</summary>
    public const double MatmulFlops = 2.0 * MatrixSide * MatrixSide * MatrixSide;

    /// <summary>Rows per invocation (96 batches of 32, 24 of 128, 12 of 256).</summary>
    public const int Rows = 3_072;

    private const int Filters = 32, Kernel = 12, ConvLength = PrimerData.Length - Kernel + 1, PoolSize = 4, Dense = 16;
    private const int Pooled = ConvLength / PoolSize;

    /// <summary>Forward FLOPs of one row: conv 2·F·C·K·L_out plus dense 2·in·out for both dense layers.</summary>
    public const double ForwardFlopsPerRow = 2.0 * Filters * PrimerData.Channels * Kernel * ConvLength + 2.0 * Filters * Pooled * Dense + 2.0 * Dense * 1;

    /// <summary>Training FLOPs of one row: 3 × forward.</summary>
    public const double TrainingFlopsPerRow = 3 * ForwardFlopsPerRow;

    private Tensor _a = null!, _b = null!;
    private CnnNetwork _network = null!;
    private optim.Optimizer _optimizer = null!;
    private readonly Dictionary<int, List<(Tensor X, Tensor Y)>> _batches = [];

    /// <summary>Adds GFLOP/s and fraction-of-matmul columns.</summary>
    public sealed class FlopsConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public FlopsConfig()
        {
            AddColumn(new FlopsColumn(fraction: false));
            AddColumn(new FlopsColumn(fraction: true));
        }
    }

    /// <summary>Builds the matrices, the network, its optimiser and the batch tensors (none of it timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureInitialized();
        torch.manual_seed(1);
        _a = torch.randn(MatrixSide, MatrixSide);
        _b = torch.randn(MatrixSide, MatrixSide);
        var ml = new MLContext(seed: 1);
        var (features, labels) = PrimerData.ReadAll(PrimerData.Encode(ml, Rows, seed: 41).Data);
        foreach (int batchSize in new[] { 32, 128, 256 })
            _batches[batchSize] = PrimerData.Batches(features, labels, batchSize);
        _network = new CnnNetwork(NetworkPresets.Zou2019(), PrimerData.Channels, PrimerData.Length, 1);
        _optimizer = optim.Adam(_network.parameters(), 1e-3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Flops: intra-op threads {torch.get_num_threads()}; forward {ForwardFlopsPerRow:N0} FLOPs a row, training step {TrainingFlopsPerRow:N0} FLOPs a row; matmul {MatmulFlops:N0} FLOPs"));
    }

    /// <summary>Releases the tensors, network and optimiser.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (x, y) in _batches.Values.SelectMany(b => b))
        {
            x.Dispose();
            y.Dispose();
        }
        _batches.Clear();
        _optimizer.Dispose();
        _network.Dispose();
        _a.Dispose();
        _b.Dispose();
    }

    /// <summary>The baseline: <c>torch.mm</c> of two 1024 × 1024 float32 matrices.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Multiplies)]
    [ModelFlops(MatmulFlops)]
    public float MatmulPeak()
    {
        float last = 0;
        for (int i = 0; i < Multiplies; i++)
        {
            using var c = torch.mm(_a, _b);
            last = c[0, 0].item<float>();
        }
        return last;
    }

    /// <summary>Training steps of 32 rows (as TrainingOverheadBenchmarks' plain loop: zero_grad, forward, BCE, backward, Adam, loss read).</summary>
    [Benchmark(OperationsPerInvoke = Rows / 32)]
    [ModelFlops(32 * TrainingFlopsPerRow)]
    public float TrainStepBatch32() => Train(32);

    /// <summary>Training steps of 128 rows.</summary>
    [Benchmark(OperationsPerInvoke = Rows / 128)]
    [ModelFlops(128 * TrainingFlopsPerRow)]
    public float TrainStepBatch128() => Train(128);

    /// <summary>Forward passes of 32 rows with autograd recording (no backward), as the forward half of training.</summary>
    [Benchmark(OperationsPerInvoke = Rows / 32)]
    [ModelFlops(32 * ForwardFlopsPerRow)]
    public float ForwardGradBatch32() => Forward(32, inference: false);

    /// <summary>Forward passes of 32 rows under <c>inference_mode</c>.</summary>
    [Benchmark(OperationsPerInvoke = Rows / 32)]
    [ModelFlops(32 * ForwardFlopsPerRow)]
    public float ForwardInferenceBatch32() => Forward(32, inference: true);

    /// <summary>Forward passes of 256 rows (the scorer's default batch) under <c>inference_mode</c>.</summary>
    [Benchmark(OperationsPerInvoke = Rows / 256)]
    [ModelFlops(256 * ForwardFlopsPerRow)]
    public float ForwardInferenceBatch256() => Forward(256, inference: true);

    private float Train(int batchSize)
    {
        _network.train();
        float loss = 0;
        foreach (var (x, y) in _batches[batchSize])
        {
            using var scope = NewDisposeScope();
            _optimizer.zero_grad();
            var batchLoss = nn.functional.binary_cross_entropy_with_logits(_network.forward(x), y);
            batchLoss.backward();
            _optimizer.step();
            loss = batchLoss.item<float>();
        }
        return loss;
    }

    private float Forward(int batchSize, bool inference)
    {
        _network.eval();
        using var mode = inference ? torch.inference_mode() : null;
        float last = 0;
        foreach (var (x, _) in _batches[batchSize])
        {
            using var scope = NewDisposeScope();
            last = _network.forward(x)[0, 0].item<float>();
        }
        return last;
    }

    /// <summary>Model GFLOP/s of a benchmark, or its fraction of the baseline's (the matmul's) FLOP/s.</summary>
    private sealed class FlopsColumn(bool fraction) : IColumn
    {
        public string Id => nameof(FlopsColumn) + "." + ColumnName;
        public string ColumnName => fraction ? "of matmul" : "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => fraction
            ? "Model FLOP/s as a fraction of the 1024 × 1024 float32 matmul's FLOP/s in the same run"
            : "Model GFLOP/s (FLOPs counted analytically from the layer shapes; training = 3 × forward)";
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? rate = Rate(summary, benchmarkCase);
            if (rate is not double r)
                return "NA";
            if (!fraction)
                return (r / 1e9).ToString("N2", CultureInfo.InvariantCulture);
            var baseline = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.Baseline && c.Descriptor.Type == benchmarkCase.Descriptor.Type);
            return baseline is not null && Rate(summary, baseline) is double peak
                ? (r / peak).ToString("F3", CultureInfo.InvariantCulture)
                : "NA";
        }

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        private static double? Rate(Summary summary, BenchmarkCase benchmarkCase)
        {
            var flops = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttributes(typeof(ModelFlopsAttribute), false).OfType<ModelFlopsAttribute>().FirstOrDefault();
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return flops is not null && mean is > 0 ? flops.FlopsPerOperation * 1e9 / mean.Value : null;
        }
    }
}
