using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Throughput column for benchmarks whose operation is one unit of work (a training step, a
/// scored row; OperationsPerInvoke = units per invocation): units per second = 10⁹ / mean
/// nanoseconds per operation. Attach it to a benchmark class with <c>[Config]</c> so each class's
/// table shows its own unit.
/// </summary>
public class PerSecondColumn : IColumn
{
    private readonly double _nanosecondsPerUnit;

    /// <summary>A column named <paramref name="columnName"/> showing operations per second, divided by <paramref name="divisor"/>.</summary>
    /// <param name="columnName">Header, e.g. "steps/s".</param>
    /// <param name="legend">Legend line.</param>
    /// <param name="divisor">1 for units per second, 10⁶ for millions per second.</param>
    public PerSecondColumn(string columnName, string legend, double divisor = 1)
    {
        ColumnName = columnName;
        Legend = legend;
        _nanosecondsPerUnit = 1e9 / divisor;
    }

    /// <inheritdoc/>
    public string Id => nameof(PerSecondColumn) + "." + ColumnName;

    /// <inheritdoc/>
    public string ColumnName { get; }

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend { get; }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        return statistics is null || statistics.Mean <= 0
            ? "NA"
            : (_nanosecondsPerUnit / statistics.Mean).ToString("N1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
