using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cnn.MLNet.Benchmarks.Suite;

/// <summary>One machine-readable result: one JSON object per benchmark method.</summary>
/// <param name="Name">"Class.Method".</param>
/// <param name="Value">Throughput in <paramref name="Unit"/> (or mean time for "ns"); null when the benchmark failed.</param>
/// <param name="Unit">"rows/s", "steps/s", "ns", "fraction of matmul peak", …</param>
/// <param name="Baseline">"Class.Method" of the baseline it is compared with (same class and category).</param>
/// <param name="Ratio">Throughput ratio this ÷ baseline (&gt; 1 = faster than the baseline; for "ns", baseline time ÷ this time).</param>
/// <param name="Flops">Model FLOP/s, for benchmarks that carry <see cref="ModelFlopsAttribute"/>.</param>
public sealed record BenchmarkJsonLine(string Name, double? Value, string Unit, string? Baseline, double? Ratio, double? Flops = null)
{
    /// <summary>Paired runs only: the intra-op thread count of this line.</summary>
    public int? Threads { get; init; }

    /// <summary>Paired runs only: the number of rounds the medians are taken over.</summary>
    public int? Rounds { get; init; }

    /// <summary>Paired runs only: first quartile of the per-round ratios.</summary>
    public double? RatioQ1 { get; init; }

    /// <summary>Paired runs only: third quartile of the per-round ratios.</summary>
    public double? RatioQ3 { get; init; }
}

/// <summary>Turns BenchmarkDotNet summaries into <see cref="BenchmarkJsonLine"/>s.</summary>
public static class BenchmarkJson
{
    /// <summary>The marker line printed before the JSON lines.</summary>
    public const string Marker = "// json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Units of the classes that do not carry [SuiteUnit] (value = 10⁹ / mean ns × scale).
    private static readonly Dictionary<string, (string Unit, double Scale)> KnownUnits = new(StringComparer.Ordinal)
    {
        ["SequenceEncodingBenchmarks"] = ("Mbases/s", 1e-6),
        ["TrainingOverheadBenchmarks"] = ("steps/s", 1),
        ["ImageTrainingBenchmarks"] = ("steps/s", 1),
        ["ScoringBenchmarks"] = ("rows/s", 1),
        ["OnnxScoringBenchmarks"] = ("rows/s", 1),
        ["PredictionLatencyBenchmarks"] = ("ns", 0),
    };

    /// <summary>One line per benchmark case, in the order the summaries list them.</summary>
    public static List<BenchmarkJsonLine> From(IEnumerable<Summary> summaries)
    {
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        var lines = new List<BenchmarkJsonLine>();
        foreach (var report in reports)
        {
            var baseline = reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline && SameGroup(r.BenchmarkCase, report.BenchmarkCase));
            lines.Add(Line(report, baseline));
        }
        return lines;
    }

    /// <summary>One JSON object (no line break).</summary>
    public static string Serialize(BenchmarkJsonLine line) => JsonSerializer.Serialize(line, Options);

    private static BenchmarkJsonLine Line(BenchmarkReport report, BenchmarkReport? baseline)
    {
        var benchmark = report.BenchmarkCase;
        string name = Name(benchmark);
        string? baselineName = baseline is null ? null : Name(baseline.BenchmarkCase);
        double? mean = Mean(report);
        double? baselineMean = baseline is null ? null : Mean(baseline);

        var flops = Flops(benchmark);
        if (flops is double perOperation)
        {
            double? rate = mean is double m ? perOperation * 1e9 / m : null;
            double? peak = baseline is not null && Flops(baseline.BenchmarkCase) is double basePerOperation && baselineMean is double bm
                ? basePerOperation * 1e9 / bm
                : null;
            double? fraction = rate is double r && peak is double p ? r / p : null;
            return new BenchmarkJsonLine(name, fraction, "fraction of matmul peak", baselineName, fraction, rate);
        }

        var (unit, scale) = Unit(benchmark.Descriptor.Type);
        double? ratio = mean is double a && baselineMean is double b ? b / a : null;
        double? value = unit == "ns" ? mean : mean is double t ? 1e9 / t * scale : null;
        return new BenchmarkJsonLine(name, value, unit, baselineName, ratio);
    }

    private static string Name(BenchmarkCase benchmark)
    {
        string name = benchmark.Descriptor.Type.Name + "." + benchmark.Descriptor.WorkloadMethod.Name;
        return benchmark.HasParameters ? name + "(" + benchmark.Parameters.DisplayInfo + ")" : name;
    }

    // Mean nanoseconds per operation (BenchmarkDotNet has already divided by OperationsPerInvoke).
    private static double? Mean(BenchmarkReport report) =>
        report.ResultStatistics is { Mean: > 0 and var mean } && double.IsFinite(mean) ? mean : null;

    private static bool SameGroup(BenchmarkCase a, BenchmarkCase b) =>
        a.Descriptor.Type == b.Descriptor.Type
        && a.Descriptor.Categories.Order(StringComparer.Ordinal).SequenceEqual(b.Descriptor.Categories.Order(StringComparer.Ordinal))
        && a.Parameters.DisplayInfo == b.Parameters.DisplayInfo;

    private static double? Flops(BenchmarkCase benchmark) =>
        benchmark.Descriptor.WorkloadMethod.GetCustomAttribute<ModelFlopsAttribute>()?.FlopsPerOperation;

    /// <summary>The unit and scale of a benchmark class's throughput (see <see cref="SuiteUnitAttribute"/>).</summary>
    public static (string Unit, double Scale) Unit(Type type) =>
        type.GetCustomAttribute<SuiteUnitAttribute>() is { } attribute ? (attribute.Unit, attribute.Scale)
        : KnownUnits.TryGetValue(type.Name, out var known) ? known
        : ("ops/s", 1);
}
