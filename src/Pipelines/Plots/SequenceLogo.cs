using System.Globalization;
using SkiaSharp;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Draws a motif as an information-content sequence logo (Schneider &amp; Stephens 1990) and saves it as a PNG.
/// </summary>
/// <remarks>
/// <para>Each position is a stack of the letters A, C, G, T with heights p·IC, where IC is the
/// position's information content in bits over a uniform background (2 − H), so a stack is at
/// most 2 bits tall. The tallest letter is on top. Colours are the usual ones: A green, C blue,
/// G orange, T red. The y axis spans 0–2 bits, the x axis positions 1 to the motif's width, and
/// the title is the motif id followed by its alternate name.</para>
/// <para>Letters are drawn as filled polygons (simplified block glyphs in a unit box, stretched to
/// each letter's width and height) rather than text, so they stretch to any height and render the
/// same whatever fonts the machine has. Drawn with SkiaSharp (see <see cref="PlotCanvas"/>).</para>
/// </remarks>
public static class SequenceLogo
{
    /// <summary>A's colour (green).</summary>
    public static readonly SKColor ColorA = SKColor.Parse("#109648");
    /// <summary>C's colour (blue).</summary>
    public static readonly SKColor ColorC = SKColor.Parse("#255C99");
    /// <summary>G's colour (orange).</summary>
    public static readonly SKColor ColorG = SKColor.Parse("#F7B32B");
    /// <summary>T's colour (red).</summary>
    public static readonly SKColor ColorT = SKColor.Parse("#D62839");

    private const double LetterWidth = 0.9;

    /// <summary>Saves the sequence logo of <paramref name="motif"/> as a PNG file.</summary>
    /// <param name="motif">The motif.</param>
    /// <param name="path">The PNG file to write (its folder is created when missing).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentException">The path is empty, or the size is out of range (50 to 20,000 pixels).</exception>
    public static void SavePng(Motif motif, string path, int width = 800, int height = 300)
    {
        ArgumentNullException.ThrowIfNull(motif);
        PlotChecks.Size(width, height);
        string file = PlotChecks.Output(path);
        using var canvas = new PlotCanvas(width, height, Frame(motif));
        DrawLetters(canvas, motif);
        canvas.SavePng(file);
    }

    /// <summary>The letter heights in bits: [position, base] = p · IC(position), bases in A, C, G, T order.</summary>
    internal static double[,] LetterHeights(Motif motif)
    {
        ArgumentNullException.ThrowIfNull(motif);
        var heights = new double[motif.Width, 4];
        for (int i = 0; i < motif.Width; i++)
        {
            double ic = Math.Max(0, motif.InformationContent(i));
            for (int b = 0; b < 4; b++) heights[i, b] = motif[i, b] * ic;
        }
        return heights;
    }

    internal static PlotFrame Frame(Motif motif)
    {
        var positions = Enumerable.Range(1, motif.Width).Select(p => p.ToString(CultureInfo.InvariantCulture));
        return new PlotFrame(
            Title: motif.AlternateName is null ? motif.Id : $"{motif.Id} {motif.AlternateName}",
            XLabel: "position",
            YLabel: "bits",
            XMin: 0.5, XMax: motif.Width + 0.5, YMin: 0, YMax: 2,
            XTicks: PlotTicks.AtPositions(positions),
            YTicks: [new(0, "0"), new(0.5, "0.5"), new(1, "1"), new(1.5, "1.5"), new(2, "2")]);
    }

    internal static void DrawLetters(PlotCanvas canvas, Motif motif)
    {
        var heights = LetterHeights(motif);
        for (int i = 0; i < motif.Width; i++)
        {
            double x = i + 1, y = 0;
            foreach (int b in Enumerable.Range(0, 4).OrderBy(b => heights[i, b]))
            {
                double h = heights[i, b];
                if (h < 1e-4) continue;
                DrawLetter(canvas, Motif.Bases[b], x - LetterWidth / 2, y, LetterWidth, h);
                y += h;
            }
        }
    }

    /// <summary>Draws <paramref name="letter"/> (A, C, G or T) in its colour, stretched to the data box from (<paramref name="left"/>, <paramref name="bottom"/>).</summary>
    internal static void DrawLetter(PlotCanvas canvas, char letter, double left, double bottom, double width, double height)
    {
        void Fill(IEnumerable<(double X, double Y)> unit, SKColor color) =>
            canvas.FillPolygon(unit.Select(p => (left + p.X * width, bottom + p.Y * height)), color);

        switch (letter)
        {
            case 'A':
                Fill([(0, 0), (0.38, 1), (0.62, 1), (1, 0), (0.77, 0), (0.67, 0.27), (0.33, 0.27), (0.23, 0)], ColorA);
                Fill([(0.39, 0.43), (0.5, 0.76), (0.61, 0.43)], SKColors.White); // the counter above the bar
                break;
            case 'C':
                Fill(Ring(45, 315), ColorC);
                break;
            case 'G':
                Fill(Ring(45, 345), ColorG);
                Fill([(0.55, 0.52), (1, 0.52), (1, 0.08), (0.83, 0.08), (0.83, 0.37), (0.55, 0.37)], ColorG);
                break;
            case 'T':
                Fill([(0, 1), (1, 1), (1, 0.82), (0.6, 0.82), (0.6, 0), (0.4, 0), (0.4, 0.82), (0, 0.82)], ColorT);
                break;
        }
    }

    /// <summary>An elliptical ring sector in the unit box, from <paramref name="from"/> to <paramref name="to"/> degrees (0 = right, counter-clockwise).</summary>
    private static IEnumerable<(double X, double Y)> Ring(double from, double to)
    {
        const int steps = 32;
        const double outer = 0.5, inner = 0.32;
        for (int s = 0; s <= steps; s++)
        {
            double a = (from + (to - from) * s / steps) * Math.PI / 180;
            yield return (0.5 + outer * Math.Cos(a), 0.5 + outer * Math.Sin(a));
        }
        for (int s = steps; s >= 0; s--)
        {
            double a = (from + (to - from) * s / steps) * Math.PI / 180;
            yield return (0.5 + inner * Math.Cos(a), 0.5 + inner * Math.Sin(a));
        }
    }
}
