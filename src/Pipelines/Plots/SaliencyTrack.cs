using System.Globalization;
using SkiaSharp;

namespace Cnn.MLNet.Interpretation;

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
    /// <summary>The colour of positive scores (red).</summary>
    public static readonly SKColor PositiveColor = SKColor.Parse("#D62839");
    /// <summary>The colour of negative scores (blue).</summary>
    public static readonly SKColor NegativeColor = SKColor.Parse("#255C99");

    private const double BarWidth = 0.8;

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

        double min = Math.Min(0, perPositionScores.Min()), max = Math.Max(0, perPositionScores.Max());
        double pad = max > min ? 0.05 * (max - min) : 1;
        bool labelled = sequence.Length <= MaxLabelledLength;
        var frame = new PlotFrame(
            Title: title,
            XLabel: labelled ? "sequence" : "position",
            YLabel: "attribution",
            XMin: 0.5, XMax: sequence.Length + 0.5, YMin: min - (min < 0 ? pad : 0), YMax: max + pad,
            XTicks: labelled ? PlotTicks.AtPositions(sequence.Select(c => c.ToString())) : null,
            XMinStep: 1);

        using var canvas = new PlotCanvas(w, height, frame);
        for (int i = 0; i < sequence.Length; i++)
        {
            float score = perPositionScores[i];
            double x = i + 1;
            canvas.FillRectangle(x - BarWidth / 2, 0, x + BarWidth / 2, score, score >= 0 ? PositiveColor : NegativeColor);
        }
        canvas.HorizontalLine(0, SKColors.Black);
        canvas.SavePng(file);
    }
}
