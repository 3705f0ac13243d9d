using System.CommandLine;
using System.Globalization;
using System.Text;
using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// <c>merge bedgraph</c>: the first part's header lines (leading <c>track</c>, <c>browser</c> and
/// <c>#</c> lines), then every part's data lines in the order given, copied byte for byte. Each
/// later part must carry the same header (else it came from another model or other settings), and
/// the joined intervals must be a valid bedGraph: within a chromosome ascending and
/// non-overlapping across part boundaries, and each chromosome's lines contiguous — which catches
/// parts given out of order, twice, or from overlapping regions.
/// </summary>
internal static class MergeBedGraphCommand
{
    public static Command Create(CliConsole console) => MergeParts.Command(console, "bedgraph",
        "Join bedGraph parts (scan --chromosomes shards, scan --region chunks) in order under the first part's header.", Merge);

    private static readonly HeaderedParts Headers = new(
        text => text.StartsWith("track"u8) || text.StartsWith("browser"u8) || text.StartsWith("#"u8),
        LaterMayOmit: false,
        (firstPart, part) => $"The header lines of '{part}' differ from those of '{firstPart}': the parts came from different models or settings; merge the parts of one run.");

    private static void Merge(IReadOnlyList<string> parts, MergeOutput output) => Headers.Join(parts, output, new IntervalOrder().Check);

    /// <summary>The next tab- or space-separated field of <paramref name="rest"/>, which moves past it.</summary>
    private static ReadOnlySpan<byte> Field(scoped ref ReadOnlySpan<byte> rest)
    {
        int at = rest.IndexOfAny("\t "u8);
        var field = at < 0 ? rest : rest[..at];
        rest = at < 0 ? [] : rest[(at + 1)..];
        return field;
    }

    /// <summary>The bedGraph order rules across all parts: per chromosome ascending and non-overlapping, chromosomes contiguous.</summary>
    private sealed class IntervalOrder
    {
        private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
        private byte[]? _chromosome;
        private long _end;
        private string _previous = "";

        public void Check(RawLineReader reader, ReadOnlySpan<byte> line)
        {
            var text = RawLineReader.Text(line);
            if (text.IsEmpty) return;
            var chromosome = Parse(reader, text, out long start, out long end);
            if (_chromosome is not null && chromosome.SequenceEqual(_chromosome))
            {
                if (start < _end)
                    throw new CliUserException(string.Create(CultureInfo.InvariantCulture,
                        $"{reader.Where}: the interval {Encoding.UTF8.GetString(chromosome)}:{start}-{end} starts before the end {_end} of the previous one ({_previous}): the parts overlap or are out of order; give them in genome order, each once."));
            }
            else
            {
                string name = Encoding.UTF8.GetString(chromosome);
                if (_finished.Contains(name))
                    throw new CliUserException($"{reader.Where}: chromosome '{name}' appears again after '{Encoding.UTF8.GetString(_chromosome!)}' began ({_previous}); "
                        + "a chromosome's lines must be contiguous: give the parts in genome order, each once.");
                if (_chromosome is not null) _finished.Add(Encoding.UTF8.GetString(_chromosome));
                _chromosome = chromosome.ToArray();
            }
            _end = end;
            _previous = reader.Where;
        }

        /// <summary>The line's chromosome; its start and end in <paramref name="start"/> and <paramref name="end"/>.</summary>
        private static ReadOnlySpan<byte> Parse(RawLineReader reader, ReadOnlySpan<byte> text, out long start, out long end)
        {
            var rest = text;
            var chromosome = Field(ref rest);
            start = end = 0;
            if (!chromosome.IsEmpty
                && long.TryParse(Field(ref rest), NumberStyles.None, CultureInfo.InvariantCulture, out start)
                && long.TryParse(Field(ref rest), NumberStyles.None, CultureInfo.InvariantCulture, out end)
                && end >= start && !Field(ref rest).IsEmpty)
                return chromosome;
            throw new CliUserException($"{reader.Where}: '{RawLineReader.Show(text)}' is not a bedGraph line (chromosome, start, end, value; 0-based, end ≥ start).");
        }
    }
}
