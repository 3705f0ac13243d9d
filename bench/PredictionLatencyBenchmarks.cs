using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Single-row latency of <c>PredictionEngine.Predict</c> (encoder → Zou2019 model, one 50-bp
/// sequence per call) against a plain one-row forward pass on preloaded tensors. BenchmarkDotNet
/// times the mean; the percentiles come from a separate timed loop in each benchmark's global
/// setup: <see cref="WarmupCalls"/> calls, then <see cref="TimedCalls"/> calls each timed alone
/// with <see cref="Stopwatch.GetTimestamp"/> (rows cycle through 2,000 distinct sequences).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LatencyConfig))]
public class PredictionLatencyBenchmarks
{
    /// <summary>Untimed calls before the percentile loop.</summary>
    public const int WarmupCalls = 1_000;

    /// <summary>Calls in the percentile loop, each timed alone.</summary>
    public const int TimedCalls = 2_000;

    private const int DistinctRows = 2_000;

    private static readonly Dictionary<string, LatencyResult> Results = [];

    private PrimerData.Row[] _rows = [];
    private Tensor[] _rowTensors = [];
    private nn.Module<Tensor, Tensor> _network = null!;
    private PredictionEngine<PrimerData.Row, PrimerData.Prediction>? _engine;
    private PrimerData.Prediction _prediction = new();
    private int _next;

    /// <summary>Per-call percentiles of one benchmark's setup loop, in microseconds.</summary>
    public sealed record LatencyResult(double P50, double P90, double P99, double Max, double Mean);

    /// <summary>Adds the percentile columns to this class's table.</summary>
    public sealed class LatencyConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public LatencyConfig()
        {
            AddColumn(new PercentileColumn("p50 µs", r => r.P50));
            AddColumn(new PercentileColumn("p99 µs", r => r.P99));
            AddColumn(new PercentileColumn("max µs", r => r.Max));
        }
    }

    /// <summary>Setup for the baseline: the trained network and 2,000 one-row tensors, then the percentile loop.</summary>
    [GlobalSetup(Target = nameof(PlainForwardOneRow))]
    public void SetupPlain()
    {
        LoadRows();
        Measure(nameof(PlainForwardOneRow), PlainForwardOneRow);
    }

    /// <summary>Setup for the engine: a PredictionEngine over encoder → model, then the percentile loop.</summary>
    [GlobalSetup(Target = nameof(PredictionEngineOneRow))]
    public void SetupEngine()
    {
        LoadRows();
        _engine = PrimerData.Model.CreateEngine();
        Measure(nameof(PredictionEngineOneRow), PredictionEngineOneRow);
    }

    /// <summary>Releases the engine and tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _engine?.Dispose();
        _engine = null;
        foreach (var t in _rowTensors) t.Dispose();
        _rowTensors = [];
    }

    /// <summary>The baseline: one preloaded (1, 200) tensor through the network in inference mode, logit read back.</summary>
    [Benchmark(Baseline = true)]
    public float PlainForwardOneRow()
    {
        var x = _rowTensors[_next];
        _next = _next + 1 == DistinctRows ? 0 : _next + 1;
        using var inference = torch.inference_mode();
        using var logits = _network.forward(x);
        return logits.item<float>();
    }

    /// <summary>One <c>PredictionEngine.Predict</c> call on a raw sequence (reusing the output object).</summary>
    [Benchmark]
    public float PredictionEngineOneRow()
    {
        var row = _rows[_next];
        _next = _next + 1 == DistinctRows ? 0 : _next + 1;
        _engine!.Predict(row, ref _prediction);
        return _prediction.Score;
    }

    private void LoadRows()
    {
        var trained = PrimerData.Model;
        var encoded = PrimerData.Encode(trained.ML, DistinctRows, seed: 31);
        _rows = encoded.Rows;
        var (features, _) = PrimerData.ReadAll(encoded.Data);
        _rowTensors = new Tensor[DistinctRows];
        for (int r = 0; r < DistinctRows; r++)
            _rowTensors[r] = torch.tensor(features.AsSpan(r * PrimerData.FeatureSize, PrimerData.FeatureSize).ToArray(), [1, PrimerData.FeatureSize]);
        _network = trained.Model.Model.Network;
        _next = 0;
    }

    private static void Measure(string name, Func<float> call)
    {
        for (int i = 0; i < WarmupCalls; i++) call();
        var ticks = new long[TimedCalls];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        for (int i = 0; i < TimedCalls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        var micros = ticks.Select(t => t * 1e6 / Stopwatch.Frequency).Order().ToArray();
        // Nearest-rank percentiles.
        double Percentile(double p) => micros[Math.Max(0, (int)Math.Ceiling(p / 100 * micros.Length) - 1)];
        var result = new LatencyResult(Percentile(50), Percentile(90), Percentile(99), micros[^1], micros.Average());
        Results[name] = result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Latency {name}: {TimedCalls} calls after {WarmupCalls} warm-up: p50 {result.P50:F1} µs, p90 {result.P90:F1} µs, p99 {result.P99:F1} µs, max {result.Max:F1} µs, mean {result.Mean:F1} µs"));
    }

    /// <summary>Shows a percentile from the setup loop of the benchmark's method.</summary>
    private sealed class PercentileColumn(string name, Func<LatencyResult, double> select) : IColumn
    {
        public string Id => nameof(PercentileColumn) + "." + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"{name}: per-call percentile of {TimedCalls} Stopwatch-timed calls in the global setup (after {WarmupCalls} warm-up calls)";
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            Results.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var r)
                ? select(r).ToString("N1", CultureInfo.InvariantCulture)
                : "NA";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
