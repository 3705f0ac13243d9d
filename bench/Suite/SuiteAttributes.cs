namespace Cnn.MLNet.Benchmarks.Suite;

/// <summary>
/// The unit of a benchmark class's JSON lines when it is a throughput: <c>value</c> =
/// 10⁹ / mean nanoseconds per operation × <see cref="Scale"/> (1 for units per second).
/// Classes without it fall back to the table in <see cref="BenchmarkJson"/>, then to "ops/s".
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SuiteUnitAttribute(string unit, double scale = 1) : Attribute
{
    /// <summary>E.g. "rows/s".</summary>
    public string Unit { get; } = unit;

    /// <summary>Multiplier applied to operations per second.</summary>
    public double Scale { get; } = scale;
}

/// <summary>
/// Model floating-point operations per benchmark operation (counted analytically). A class whose
/// methods carry it reports, in JSON, the fraction of its baseline's FLOP/s (the baseline being a
/// dense matrix multiply), and its absolute FLOP/s in <c>flops</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ModelFlopsAttribute(double flopsPerOperation) : Attribute
{
    /// <summary>FLOPs per operation.</summary>
    public double FlopsPerOperation { get; } = flopsPerOperation;
}
