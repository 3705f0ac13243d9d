namespace Cnn.MLNet.Interpretation;

/// <summary>What <see cref="PlotCanvas"/> draws around the data: title, axis labels, limits and ticks.</summary>
/// <param name="Title">The title above the data area, or null for none.</param>
/// <param name="XLabel">The x axis label.</param>
/// <param name="YLabel">The y axis label (drawn rotated, left of the axis).</param>
/// <param name="XMin">Data value at the left edge of the data area.</param>
/// <param name="XMax">Data value at the right edge.</param>
/// <param name="YMin">Data value at the bottom edge.</param>
/// <param name="YMax">Data value at the top edge.</param>
/// <param name="XTicks">Ticks below the data area, or null for numeric ticks fitted to the width.</param>
/// <param name="YTicks">Ticks left of the data area, or null for numeric ticks fitted to the height.</param>
/// <param name="XMinStep">Smallest step between generated x ticks (1 for whole positions).</param>
internal sealed record PlotFrame(
    string? Title,
    string XLabel,
    string YLabel,
    double XMin,
    double XMax,
    double YMin,
    double YMax,
    IReadOnlyList<PlotTick>? XTicks = null,
    IReadOnlyList<PlotTick>? YTicks = null,
    double XMinStep = 0);
