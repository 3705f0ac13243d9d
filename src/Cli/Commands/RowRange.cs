using System.Globalization;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>--rows START:END</c>: data rows <c>[Start, End)</c> of an input file, 0-based, the header not
/// counted (a FASTA record is a row), for scoring a file in independent parts that
/// <c>merge tsv</c> joins. Same syntax as <c>variants --records</c> (<see cref="Genomics.VcfRecordRange"/>).
/// </summary>
/// <param name="Start">The first row (0-based).</param>
/// <param name="End">The row after the last (exclusive; <see cref="long.MaxValue"/>: to the end).</param>
internal readonly record struct RowRange(long Start, long End)
{
    /// <summary>Parses <c>START:END</c> (either side may be empty: from the first row, to the last).</summary>
    /// <exception cref="FormatException">The text is not <c>START:END</c> with non-negative integers and START ≤ END.</exception>
    public static RowRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':');
        if (colon < 0)
            throw new FormatException($"'{text}' is not a row range START:END (0-based, END exclusive, header not counted), e.g. 0:10000.");
        long start = Bound(text[..colon], 0, text);
        long end = Bound(text[(colon + 1)..], long.MaxValue, text);
        if (start > end)
            throw new FormatException($"'{text}' is not a row range: START {start} is after END {end}.");
        return new RowRange(start, end);
    }

    /// <summary>The rows of <paramref name="data"/> in the range, read lazily (the rows before it are read and skipped, those after it never).</summary>
    public IDataView Of(MLContext ml, IDataView data)
    {
        var skipped = Start > 0 ? ml.Data.SkipRows(data, Start) : data;
        return End == long.MaxValue ? skipped : ml.Data.TakeRows(skipped, End - Start);
    }

    private static long Bound(string part, long empty, string text)
    {
        if (part.Length == 0) return empty;
        if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return value;
        throw new FormatException($"'{text}' is not a row range START:END: '{part}' is not a non-negative integer.");
    }
}
