using System.Globalization;
using SkiaSharp;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Draws a discovered pattern (<see cref="MotifDiscovery"/>) as one PNG: its contribution logo
/// beside its PWM's information logo.
/// </summary>
/// <remarks>
/// <para>Left: the contribution logo, letter heights = the CWM's mean actual contributions;
/// positive values stack upwards from 0 and negative ones downwards, the largest furthest from 0,
/// the y axis spanning the tallest stacks. Right: the PWM as an information-content logo (see
/// <see cref="SequenceLogo"/>). Both panels share the pattern's positions, so a column of one is
/// the same column of the other.</para>
/// </remarks>
public static class ContributionLogo
{
    private const double LetterWidth = 0.9;

    /// <summary>Saves the contribution logo and the PWM logo of <paramref name="pattern"/> side by side as a PNG file.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="path">The PNG file to write (its folder is created when missing).</param>
    /// <param name="width">Image width in pixels (each panel gets half).</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentException">The path is empty, or the size is out of range (100 to 20,000 pixels wide, 50 to 20,000 high).</exception>
    public static void SavePng(DiscoveredPattern pattern, string path, int width = 1200, int height = 300)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (width < 100 || width > 20_000)
            throw new ArgumentOutOfRangeException(nameof(width), width, "The image width must be 100 to 20,000 pixels (each of the two panels needs at least 50).");
        PlotChecks.Size(width, height);
        string file = PlotChecks.Output(path);
        int half = width / 2;

        using var left = ContributionPanel(pattern, half, height);
        using var right = PwmPanel(pattern, width - half, height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width} × {height} picture.");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawImage(left, 0, 0);
        surface.Canvas.DrawImage(right, half, 0);
        surface.Canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the picture as PNG.");
        using var stream = File.Create(file);
        data.SaveTo(stream);
    }

    /// <summary>Saves one PNG per pattern of <paramref name="result"/>, named <c>{pattern id}.png</c>, in <paramref name="folder"/> (created when missing).</summary>
    /// <returns>The files written, in pattern order.</returns>
    public static IReadOnlyList<string> SavePngs(MotifDiscoveryResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = new List<string>();
        foreach (var pattern in result.Patterns)
        {
            string file = Path.Combine(folder, pattern.Id + ".png");
            SavePng(pattern, file);
            files.Add(Path.GetFullPath(file));
        }
        return files;
    }

    /// <summary>The y range of the contribution logo: the lowest negative stack to the highest positive one, padded by 5 %.</summary>
    internal static (double Min, double Max) Range(double[,] cwm)
    {
        double min = 0, max = 0;
        for (int i = 0; i < cwm.GetLength(0); i++)
        {
            double up = 0, down = 0;
            for (int b = 0; b < 4; b++)
            {
                if (cwm[i, b] > 0) up += cwm[i, b];
                else down += cwm[i, b];
            }
            max = Math.Max(max, up);
            min = Math.Min(min, down);
        }
        if (max - min <= 0) return (-1, 1);
        double pad = 0.05 * (max - min);
        return (min < 0 ? min - pad : 0, max > 0 ? max + pad : 0);
    }

    private static SKImage ContributionPanel(DiscoveredPattern pattern, int width, int height)
    {
        var cwm = pattern.Cwm;
        var (min, max) = Range(cwm);
        var positions = Enumerable.Range(1, pattern.Width).Select(p => p.ToString(CultureInfo.InvariantCulture));
        var frame = new PlotFrame(
            Title: $"{pattern.Id} ({pattern.SeqletCount} seqlets)",
            XLabel: "position",
            YLabel: "contribution",
            XMin: 0.5, XMax: pattern.Width + 0.5, YMin: min, YMax: max,
            XTicks: PlotTicks.AtPositions(positions));
        using var canvas = new PlotCanvas(width, height, frame);
        for (int i = 0; i < pattern.Width; i++)
        {
            double x = i + 1, up = 0, down = 0;
            // Smallest magnitude nearest to zero, so the dominant base is the outermost letter on either side.
            foreach (int b in Enumerable.Range(0, 4).OrderBy(b => Math.Abs(cwm[i, b])))
            {
                double h = cwm[i, b];
                if (Math.Abs(h) < 1e-6 * (max - min)) continue;
                if (h > 0)
                {
                    SequenceLogo.DrawLetter(canvas, Motif.Bases[b], x - LetterWidth / 2, up, LetterWidth, h);
                    up += h;
                }
                else
                {
                    down += h;
                    SequenceLogo.DrawLetter(canvas, Motif.Bases[b], x - LetterWidth / 2, down, LetterWidth, -h);
                }
            }
        }
        canvas.HorizontalLine(0, SKColors.Black);
        return canvas.Finish();
    }

    private static SKImage PwmPanel(DiscoveredPattern pattern, int width, int height)
    {
        using var canvas = new PlotCanvas(width, height, SequenceLogo.Frame(pattern.Pwm) with { Title = $"{pattern.Id} PWM" });
        SequenceLogo.DrawLetters(canvas, pattern.Pwm);
        return canvas.Finish();
    }
}
