using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Writes a bedGraph track: a <c>track type=bedGraph name="…" description="…"</c> line, then one
/// <c>chrom, start, end, value</c> line per interval (0-based, end-exclusive, tab-separated, values
/// with up to 6 significant digits, invariant culture). The caller supplies intervals sorted and
/// non-overlapping; the writer checks that they are, per chromosome, and skips empty ones.
/// </summary>
internal sealed class BedGraphWriter
{
    // Chromosome names longer than this (never seen in practice) format on the heap instead.
    private const int MaxStackName = 256;
    private readonly TextWriter _writer;
    private string? _chromosome;
    private long _end;

    /// <summary>Writes the header line to <paramref name="writer"/>; quotes in the texts become apostrophes.</summary>
    public BedGraphWriter(TextWriter writer, string name, string description)
    {
        _writer = writer;
        _writer.Write($"track type=bedGraph name=\"{Clean(name)}\" description=\"{Clean(description)}\"\n");
    }

    /// <summary>Writes one interval; returns false (writing nothing) when it is empty.</summary>
    /// <exception cref="InvalidOperationException">The interval starts before the end of the previous one on the same chromosome.</exception>
    public bool Write(string chromosome, long start, long end, float value)
    {
        if (end <= start)
            return false;
        if (chromosome == _chromosome && start < _end)
            throw new InvalidOperationException($"bedGraph intervals must be sorted and non-overlapping: {chromosome}:{start}-{end} starts before the previous interval's end {_end}.");
        _chromosome = chromosome;
        _end = end;
        // One line formatted into a stack buffer and written at once, instead of three strings per
        // line: a genome scan writes a line per window. The text is what ToString(…,
        // InvariantCulture) gives; 64 holds two longs, a G6 float and four separators.
        Span<char> line = chromosome.Length <= MaxStackName ? stackalloc char[MaxStackName + 64] : new char[chromosome.Length + 64];
        chromosome.CopyTo(line);
        int at = chromosome.Length;
        line[at++] = '\t';
        at += Format(start, line[at..]);
        line[at++] = '\t';
        at += Format(end, line[at..]);
        line[at++] = '\t';
        value.TryFormat(line[at..], out int written, "G6", CultureInfo.InvariantCulture);
        at += written;
        line[at++] = '\n';
        _writer.Write(line[..at]);
        return true;
    }

    private static int Format(long number, Span<char> destination)
    {
        number.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>A UTF-8 (no BOM) writer over <paramref name="stream"/>, left open.</summary>
    public static StreamWriter Open(Stream stream) => new(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);

    private static string Clean(string text) => text.Replace('"', '\'').ReplaceLineEndings(" ");
}
