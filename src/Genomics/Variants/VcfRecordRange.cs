using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A range of a VCF's data records, <c>[Start, End)</c>, 0-based over the records as written (before
/// multi-allelic records are split), for scoring a file in independent chunks whose outputs
/// concatenate to the whole.
/// </summary>
/// <param name="Start">The first record (0-based).</param>
/// <param name="End">The record after the last (exclusive).</param>
public readonly record struct VcfRecordRange(long Start, long End)
{
    /// <summary>Whether the record of index <paramref name="index"/> is in the range.</summary>
    public bool Contains(long index) => index >= Start && index < End;

    /// <summary>Parses <c>START:END</c> (either side may be empty: from the first record, to the last).</summary>
    /// <exception cref="FormatException">The text is not <c>START:END</c> with non-negative integers and START ≤ END.</exception>
    public static VcfRecordRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':');
        if (colon < 0)
            throw new FormatException($"'{text}' is not a record range START:END (0-based, END exclusive), e.g. 0:10000.");
        long start = Bound(text[..colon], 0, text);
        long end = Bound(text[(colon + 1)..], long.MaxValue, text);
        if (start > end)
            throw new FormatException($"'{text}' is not a record range: START {start} is after END {end}.");
        return new VcfRecordRange(start, end);
    }

    private static long Bound(string part, long empty, string text)
    {
        if (part.Length == 0) return empty;
        if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return value;
        throw new FormatException($"'{text}' is not a record range START:END: '{part}' is not a non-negative integer.");
    }

    /// <inheritdoc/>
    public override string ToString() => End == long.MaxValue
        ? string.Create(CultureInfo.InvariantCulture, $"{Start}:")
        : string.Create(CultureInfo.InvariantCulture, $"{Start}:{End}");
}
