using System.Globalization;

namespace Cnn.MLNet.Interpretation;

/// <summary>One axis tick: its position in data units and its label.</summary>
internal readonly record struct PlotTick(double Position, string Label);

/// <summary>Tick generators for <see cref="PlotCanvas"/>.</summary>
internal static class PlotTicks
{
    /// <summary>Ticks at "nice" round values (1, 2 or 5 × 10ⁿ apart) inside [min, max], about <paramref name="target"/> of them.</summary>
    /// <param name="min">Lower end of the axis.</param>
    /// <param name="max">Upper end of the axis.</param>
    /// <param name="target">The wanted number of ticks (at least 1).</param>
    /// <param name="minStep">The smallest step allowed (1 for whole positions).</param>
    public static IReadOnlyList<PlotTick> Numeric(double min, double max, int target, double minStep = 0)
    {
        if (!(max > min)) return [new PlotTick(min, Format(min, 0))];
        double rough = (max - min) / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double normal = rough / magnitude;
        double nice = normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10;
        double step = Math.Max(nice * magnitude, minStep);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));

        var ticks = new List<PlotTick>();
        long first = (long)Math.Ceiling(min / step - 1e-9), last = (long)Math.Floor(max / step + 1e-9);
        for (long k = first; k <= last; k++)
        {
            double value = k * step;
            ticks.Add(new PlotTick(value, Format(value, decimals)));
        }
        return ticks;
    }

    /// <summary>One tick per label at positions 1, 2, 3, ….</summary>
    public static IReadOnlyList<PlotTick> AtPositions(IEnumerable<string> labels) =>
        labels.Select((label, i) => new PlotTick(i + 1, label)).ToList();

    private static string Format(double value, int decimals)
    {
        double rounded = Math.Round(value, Math.Min(decimals, 15));
        if (rounded == 0) rounded = 0; // no "-0"
        return rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
