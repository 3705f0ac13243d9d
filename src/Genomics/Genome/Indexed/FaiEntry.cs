namespace Cnn.MLNet.Genomics;

/// <summary>
/// One line of a samtools <c>.fai</c> index: a sequence's name and length, the (uncompressed) byte
/// offset of its first base, and its line layout (bases per line, bytes per line with the line end).
/// </summary>
/// <param name="Name">The sequence name.</param>
/// <param name="Length">Its number of bases.</param>
/// <param name="Offset">The byte offset of its first base in the (uncompressed) FASTA.</param>
/// <param name="LineBases">Bases per full line.</param>
/// <param name="LineWidth">Bytes per full line, line end included.</param>
/// <param name="IndexLine">The line of the .fai it came from (1-based), for messages; 0 when built here.</param>
internal sealed record FaiEntry(string Name, long Length, long Offset, long LineBases, long LineWidth, long IndexLine)
{
    /// <summary>The byte offset of base <paramref name="position"/> (0-based).</summary>
    public long OffsetOf(long position) => Offset + position / LineBases * LineWidth + position % LineBases;

    /// <summary>One past the byte offset of the last base.</summary>
    public long End => Length == 0 ? Offset : OffsetOf(Length - 1) + 1;

    /// <summary>The line as samtools writes it.</summary>
    public string ToLine() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}\t{Length}\t{Offset}\t{LineBases}\t{LineWidth}");
}
