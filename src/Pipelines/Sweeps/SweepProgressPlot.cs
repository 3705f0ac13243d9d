using Cnn.MLNet.Interpretation;
using SkiaSharp;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The sweep's metric against time as a PNG: every evaluation as a dot (grey at a cheaper rung, blue at
/// the full budget) and the best full-budget result so far as a step line, the curve that shows whether
/// more time would have helped.
/// </summary>
public static class SweepProgressPlot
{
    /// <summary>Writes the plot of <paramref name="result"/> to <paramref name="path"/> (PNG, <paramref name="width"/> × <paramref name="height"/> pixels).</summary>
    /// <exception cref="ArgumentException">The sweep completed no evaluation, or the size is below 100 pixels.</exception>
    public static void Write(CnnSweepResult result, string path, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (width < 100 || height < 100) throw new ArgumentException($"The plot needs at least 100 × 100 pixels (got {width} × {height}).");
        var events = result.History.Where(e => double.IsFinite(e.Mean)).ToList();
        if (events.Count == 0) throw new ArgumentException("The sweep completed no evaluation, so there is nothing to plot.");
        var metric = result.Leaderboard.Metric;

        var best = new List<(double X, double Y)>();
        double? bestSoFar = null;
        foreach (var e in events.Where(e => e.FullBudget))
        {
            if (bestSoFar is double b && !metric.Better(e.Mean, b)) continue;
            if (bestSoFar is double previous) best.Add((e.Elapsed.TotalSeconds, previous));
            best.Add((e.Elapsed.TotalSeconds, e.Mean));
            bestSoFar = e.Mean;
        }
        double end = result.SearchTime.TotalSeconds;
        if (bestSoFar is double last) best.Add((end, last));

        double yMin = events.Min(e => e.Mean), yMax = events.Max(e => e.Mean);
        double pad = Math.Max((yMax - yMin) * 0.05, 1e-3);
        var frame = new PlotFrame($"{metric.Name}, best at the full budget so far", "seconds of search", $"validation {metric.Name}",
            0, Math.Max(end, events.Max(e => e.Elapsed.TotalSeconds)) * 1.02 + 1e-9, yMin - pad, yMax + pad);
        using var canvas = new PlotCanvas(width, height, frame);
        foreach (var e in events.Where(e => !e.FullBudget)) canvas.Dot(e.Elapsed.TotalSeconds, e.Mean, 3, new SKColor(150, 150, 150));
        foreach (var e in events.Where(e => e.FullBudget)) canvas.Dot(e.Elapsed.TotalSeconds, e.Mean, 4, new SKColor(31, 119, 180));
        if (best.Count > 1) canvas.Polyline(best, new SKColor(214, 39, 40), 2);
        canvas.SavePng(path);
    }
}
