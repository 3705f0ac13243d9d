using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Pipelines.Genomics;

/// <summary>
/// Writes a bedGraph track: a <c>track type=bedGraph name="…" description="…"</c> line, then one
/// <c>chrom, start, end, value</c> line per interval (0-based, end-exclusive, tab-separated, values
/// with up to 6 significant digits, invariant culture). The caller supplies intervals sorted and
/// non-overlapping; the writer checks that they are, per chromosome, and skips empty ones.
/// </summary>
internal sealed class BedGraphWriter
{
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
        _writer.Write(chromosome);
        _writer.Write('\t');
        _writer.Write(start.ToString(CultureInfo.InvariantCulture));
        _writer.Write('\t');
        _writer.Write(end.ToString(CultureInfo.InvariantCulture));
        _writer.Write('\t');
        _writer.Write(value.ToString("G6", CultureInfo.InvariantCulture));
        _writer.Write('\n');
        return true;
    }

    /// <summary>A UTF-8 (no BOM) writer over <paramref name="stream"/>, left open.</summary>
    public static StreamWriter Open(Stream stream) => new(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);

    private static string Clean(string text) => text.Replace('"', '\'').ReplaceLineEndings(" ");
}
