using SkiaSharp;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The typeface for plot text (titles, axis labels, tick labels): DejaVu Sans when the machine has
/// it, otherwise SkiaSharp's default typeface.
/// </summary>
/// <remarks>
/// Looking a font up never throws. On a machine without fonts the default typeface may have no
/// glyphs; text then simply does not show, and the pictures are still written (sequence-logo
/// letters are polygons, not text).
/// </remarks>
internal static class PlotFont
{
    private static readonly string[] Families = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"];
    private static readonly string[] Files =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ];

    private static readonly Lazy<SKTypeface> Regular = new(Resolve);

    /// <summary>The plot typeface (never null).</summary>
    public static SKTypeface Typeface => Regular.Value;

    /// <summary>An antialiased text paint of the given size and colour.</summary>
    public static SKPaint Paint(float size, SKColor color, SKTextAlign align = SKTextAlign.Left, bool bold = false) => new()
    {
        Typeface = Typeface,
        TextSize = size,
        Color = color,
        IsAntialias = true,
        TextAlign = align,
        FakeBoldText = bold,
    };

    private static SKTypeface Resolve()
    {
        foreach (string family in Families)
        {
            var typeface = Try(() => SKTypeface.FromFamilyName(family));
            if (typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return typeface;
            typeface?.Dispose();
        }
        foreach (string file in Files)
        {
            if (!File.Exists(file)) continue;
            var typeface = Try(() => SKTypeface.FromFile(file));
            if (typeface is not null) return typeface;
        }
        return Try(() => SKTypeface.Default) ?? SKTypeface.CreateDefault();
    }

    private static SKTypeface? Try(Func<SKTypeface?> load)
    {
        try { return load(); }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }
}
