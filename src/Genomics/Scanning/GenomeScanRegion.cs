using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A part of one chromosome to scan, <c>[Start, End)</c> (0-based, END exclusive), so a long
/// chromosome can be scanned in independent chunks whose bedGraphs concatenate to the whole scan's:
/// the windows scanned are those of the whole scan whose first base lies in the region (window
/// <c>k</c> starts at <c>k · stride</c>), each written to the same bin with the same value. Start
/// must therefore be a multiple of the stride (checked when scanning); an End past the
/// chromosome's end is clipped.
/// </summary>
/// <param name="Chromosome">The chromosome's name (case-sensitive).</param>
/// <param name="Start">The first base a scanned window may start at (0-based, a multiple of the stride).</param>
/// <param name="End">The base after the last a scanned window may start at (exclusive).</param>
public sealed record GenomeScanRegion(string Chromosome, long Start, long End)
{
    /// <summary>Parses <c>CHR:START-END</c> (0-based, END exclusive); the last colon separates the chromosome, whose name may hold colons.</summary>
    /// <exception cref="FormatException">The text is not <c>CHR:START-END</c> with non-negative integers and START &lt; END.</exception>
    public static GenomeScanRegion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.LastIndexOf(':');
        int dash = colon < 0 ? -1 : text.IndexOf('-', colon + 1);
        if (colon <= 0 || dash < 0)
            throw new FormatException($"'{text}' is not a region CHR:START-END (0-based, END exclusive), e.g. chr1:0-1000000.");
        long start = Bound(text[(colon + 1)..dash], text);
        long end = Bound(text[(dash + 1)..], text);
        if (start >= end)
            throw new FormatException($"'{text}' is not a region: START {start} is not before END {end}.");
        return new GenomeScanRegion(text[..colon], start, end);
    }

    private static long Bound(string part, string text)
    {
        if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return value;
        throw new FormatException($"'{text}' is not a region CHR:START-END: '{part}' is not a non-negative integer.");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Chromosome}:{Start}-{End}");
}
