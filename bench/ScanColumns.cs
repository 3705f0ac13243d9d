using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cnn.MLNet.Benchmarks;

/// <summary>The stride of a scan benchmark method (bases between window starts), read by <see cref="ScanColumns"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScanStrideAttribute(int stride) : Attribute
{
    /// <summary>Bases between window starts.</summary>
    public int Stride { get; } = stride;
}

/// <summary>
/// The columns a scan's per-base time gives (one operation = one genome base): windows per second
/// (bases/s ÷ the method's <see cref="ScanStrideAttribute"/>) and the projected time of a 3.1-Gb
/// genome (a human assembly) at that rate, the figure a user plans with.
/// </summary>
public sealed class ScanColumns : IColumn
{
    /// <summary>Bases of the genome the projection is for.</summary>
    public const double ProjectedBases = 3.1e9;

    private readonly bool _projection;

    private ScanColumns(bool projection) => _projection = projection;

    /// <summary>Windows scored per second.</summary>
    public static IColumn WindowsPerSecond { get; } = new ScanColumns(projection: false);

    /// <summary>Projected wall time of a 3.1-Gb genome.</summary>
    public static IColumn GenomeTime { get; } = new ScanColumns(projection: true);

    /// <inheritdoc/>
    public string Id => nameof(ScanColumns) + "." + ColumnName;

    /// <inheritdoc/>
    public string ColumnName => _projection ? "3.1 Gb" : "windows/s";

    /// <inheritdoc/>
    public string Legend => _projection
        ? "Projected time to scan a 3.1-Gb genome at this rate (3.1·10⁹ × mean ns per base)"
        : "Windows scored per second (bases/s ÷ stride)";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => _projection ? 2 : 1;

    /// <inheritdoc/>
    public bool IsNumeric => !_projection;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? nanosecondsPerBase = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (nanosecondsPerBase is not > 0)
            return "NA";
        if (_projection)
            return Duration(nanosecondsPerBase.Value * ProjectedBases / 1e9);
        int stride = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ScanStrideAttribute>()?.Stride ?? 0;
        return stride > 0 ? (1e9 / nanosecondsPerBase.Value / stride).ToString("N0", CultureInfo.InvariantCulture) : "NA";
    }

    /// <summary>Seconds as "42 s", "5.3 min" or "1.8 h".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 120 => seconds.ToString("N0", CultureInfo.InvariantCulture) + " s",
        < 7_200 => (seconds / 60).ToString("N1", CultureInfo.InvariantCulture) + " min",
        _ => (seconds / 3_600).ToString("N1", CultureInfo.InvariantCulture) + " h",
    };

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
