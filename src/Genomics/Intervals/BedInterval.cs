namespace Cnn.MLNet.Genomics;

/// <summary>
/// One line of a BED file: an interval <c>[Start, End)</c> of <see cref="Chromosome"/> (0-based,
/// end-exclusive), every column of the line as text, and the line's number for messages.
/// </summary>
/// <remarks>
/// <see cref="BedFile"/> checks only the first three columns, because files put labels in the
/// others (<see cref="IntervalSequenceOptions.LabelColumn"/>) and real files stretch the spec (MACS2
/// writes float scores). The standard columns 4+ are checked when something uses them:
/// <see cref="ParseStrand"/>, <see cref="ParseSummit"/> and <see cref="ParseBlocks"/>.
/// </remarks>
/// <param name="Chromosome">The first column (<c>chrom</c>).</param>
/// <param name="Start">The second column (<c>chromStart</c>), 0-based.</param>
/// <param name="End">The third column (<c>chromEnd</c>), exclusive; equal to <paramref name="Start"/> for a zero-length interval.</param>
/// <param name="Columns">All columns of the line, including the first three, as text.</param>
/// <param name="LineNumber">The 1-based line number in the file.</param>
public sealed partial record BedInterval(string Chromosome, long Start, long End, IReadOnlyList<string> Columns, long LineNumber)
{
    /// <summary>The file the line was read from, for messages; null for an interval built in code.</summary>
    internal string? SourcePath { get; init; }

    /// <summary>The number of bases, <c>End − Start</c>.</summary>
    public long Length => End - Start;

    /// <summary>The fourth column (<c>name</c>), or null when the line has fewer columns.</summary>
    public string? Name => Column(3);

    /// <summary>The fifth column (<c>score</c>), or null when the line has fewer columns.</summary>
    public string? Score => Column(4);

    /// <summary>The sixth column (<c>strand</c>), or null when the line has fewer columns.</summary>
    public string? Strand => Column(5);

    /// <summary>The column at 0-based <paramref name="index"/>, or null when the line has fewer columns.</summary>
    public string? Column(int index) => index >= 0 && index < Columns.Count ? Columns[index] : null;
}
