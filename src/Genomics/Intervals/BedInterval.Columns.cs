using System.Globalization;

namespace Cnn.MLNet.Genomics;

// The standard columns 4+ (UCSC BED12, ENCODE narrowPeak), parsed and checked only on use: a file
// whose sixth column is a label is fine until someone asks for its strand.
public sealed partial record BedInterval
{
    /// <summary>The UCSC names of the twelve BED columns, for messages.</summary>
    internal static readonly string[] StandardNames =
        ["chrom", "chromStart", "chromEnd", "name", "score", "strand", "thickStart", "thickEnd", "itemRgb", "blockCount", "blockSizes", "blockStarts"];

    /// <summary>
    /// The strand (column 6): <c>'+'</c>, <c>'-'</c> or <c>'.'</c> (unknown, also when the line has
    /// fewer than six columns).
    /// </summary>
    /// <exception cref="FormatException">Column 6 holds something else; the message names file, line and column.</exception>
    public char ParseStrand()
    {
        string? text = Column(5);
        return text switch
        {
            null or "." => '.',
            "+" => '+',
            "-" => '-',
            _ => throw Bad(5, "strand", text, "must be '+', '-' or '.'."),
        };
    }

    /// <summary>
    /// The ENCODE narrowPeak summit (column 10, <c>peak</c>): its 0-based offset from
    /// <see cref="Start"/>, or null when the file says none was called (<c>-1</c>).
    /// </summary>
    /// <exception cref="FormatException">
    /// The line has no column 10, or it is not an integer, or the offset lies outside the interval
    /// (a window centred there would miss the peak); the message names file, line and column.
    /// </exception>
    public long? ParseSummit()
    {
        string? text = Column(9);
        if (text is null)
            throw Problem($"the line has {Columns.Count} columns, so it has no summit (column 10, 'peak' of ENCODE narrowPeak).");
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long offset))
            throw Bad(9, "peak", text, "is not an integer offset from the start.");
        if (offset == -1)
            return null;
        if (offset < 0 || offset >= Length)
            throw Bad(9, "peak", text, $"is outside the peak: a summit is an offset in [0, {Length}) from the start {Start} (or -1 for none).");
        return offset;
    }

    /// <summary>
    /// The BED12 blocks (exons) as 0-based, end-exclusive chromosome coordinates, in order; the whole
    /// interval as one block when the line has fewer than 12 columns.
    /// </summary>
    /// <exception cref="FormatException">
    /// <c>blockCount</c>, <c>blockSizes</c> and <c>blockStarts</c> disagree (count, non-integers, blocks
    /// overlapping or out of order, the first not at the start or the last not at the end); the message
    /// names file, line and column.
    /// </exception>
    public IReadOnlyList<(long Start, long End)> ParseBlocks()
    {
        if (Columns.Count < 12)
            return [(Start, End)];
        string countText = Columns[9];
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            throw Bad(9, "blockCount", countText, "is not a positive integer.");
        long[] sizes = BlockList(10, count);
        long[] starts = BlockList(11, count);
        if (starts[0] != 0)
            throw Bad(11, "blockStarts", Columns[11], "must begin with 0: the first block starts at chromStart.");
        var blocks = new (long Start, long End)[count];
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && starts[i] < starts[i - 1] + sizes[i - 1])
                throw Bad(11, "blockStarts", Columns[11], $"has block {i + 1} starting before block {i} ends; blocks must be in order and must not overlap.");
            blocks[i] = (Start + starts[i], Start + starts[i] + sizes[i]);
        }
        if (blocks[^1].End != End)
            throw Bad(10, "blockSizes", Columns[10], $"ends the last block at {blocks[^1].End}, not at chromEnd {End}.");
        return blocks;
    }

    // A comma-separated list of non-negative integers with exactly count entries (UCSC writes a trailing comma).
    private long[] BlockList(int index, int count)
    {
        string text = Columns[index];
        string[] items = text.TrimEnd(',').Split(',');
        if (items.Length != count)
            throw Bad(index, StandardNames[index], text, $"has {items.Length} entries but blockCount (column 10) is {count}.");
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            if (!long.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
                throw Bad(index, StandardNames[index], text, $"has {SequenceFileErrors.Quote(items[i])}, not a non-negative integer.");
        }
        return values;
    }

    private FormatException Bad(int index, string name, string text, string problem) =>
        Problem($"the {name} (column {index + 1}) {SequenceFileErrors.Quote(text)} {problem}");

    private FormatException Problem(string problem) =>
        SequenceFileErrors.Content(SourcePath ?? "BED", LineNumber, null, problem);
}
