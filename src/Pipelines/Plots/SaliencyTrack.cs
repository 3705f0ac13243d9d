using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Cnn.MLNet.Pipelines.Plots;

/// <summary>
/// Draws a per-position attribution (saliency, gradient × input, in-silico mutagenesis, …) over a
/// sequence as a bar track and saves it as a PNG.
/// </summary>
/// <remarks>
/// One bar per position (1-based x), positive scores in red and negative ones in blue, with a line
/// at zero. When the sequence is at most <see cref="MaxLabelledLength"/> bases long the x tick
/// labels are the bases themselves; longer sequences get numeric position ticks.
/// </remarks>
public static class SaliencyTrack
{
    /// <summary>The longest sequence whose bases are written as x tick labels.</summary>
    public const int MaxLabelledLength = 100;

    /// <summary>Saves the track of <paramref name="perPositionScores"/> over <paramref name="sequence"/> as a PNG file.</summary>
    /// <param name="sequence">The sequence (one score per character).</param>
    /// <param name="perPositionScores">One finite score per position of <paramref name="sequence"/>.</param>
    /// <param name="path">The PNG file to write (its folder is created when missing).</param>
    /// <param name="title">An optional title.</param>
    /// <param name="width">Image width in pixels; default: 12 pixels per base, 600 to 2,400.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentException">The sequence is empty, the number of scores differs from its length, a score is not finite, or the size is out of range.</exception>
    public static void SavePng(string sequence, IReadOnlyList<float> perPositionScores, string path, string? title = null, int? width = null, int height = 250)
    {
        ArgumentException.ThrowIfNullOrEmpty(sequence);
        ArgumentNullException.ThrowIfNull(perPositionScores);
        if (perPositionScores.Count != sequence.Length)
            throw new ArgumentException($"Saliency track: {perPositionScores.Count} scores for a sequence of {sequence.Length} bases; give one score per base.", nameof(perPositionScores));
        for (int i = 0; i < perPositionScores.Count; i++)
            if (!float.IsFinite(perPositionScores[i]))
                throw new ArgumentException($"Saliency track: the score at position {i + 1} is {perPositionScores[i].ToString(CultureInfo.InvariantCulture)}; scores must be finite.", nameof(perPositionScores));
        int w = width ?? Math.Clamp(12 * sequence.Length + 120, 600, 2400);
        PlotChecks.Size(w, height);
        string file = PlotChecks.Output(path);

        using var plot = new Plot();
        var bars = Enumerable.Range(0, sequence.Length).Select(i => new Bar
        {
            Position = i + 1,
            Value = perPositionScores[i],
            Size = 0.8,
            FillColor = perPositionScores[i] >= 0 ? Color.FromHex("#D62839") : Color.FromHex("#255C99"),
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        double min = Math.Min(0, perPositionScores.Min()), max = Math.Max(0, perPositionScores.Max());
        double pad = max > min ? 0.05 * (max - min) : 1;
        plot.Axes.SetLimits(0.5, sequence.Length + 0.5, min - (min < 0 ? pad : 0), max + pad);
        if (sequence.Length <= MaxLabelledLength)
        {
            plot.Axes.Bottom.TickGenerator = new NumericManual(
                Enumerable.Range(1, sequence.Length).Select(p => (double)p).ToArray(),
                sequence.Select(c => c.ToString()).ToArray());
            plot.XLabel("sequence");
        }
        else
        {
            plot.XLabel("position");
        }
        plot.YLabel("attribution");
        if (title is not null) plot.Title(title);
        plot.HideGrid();
        plot.SavePng(file, w, height);
    }
}
