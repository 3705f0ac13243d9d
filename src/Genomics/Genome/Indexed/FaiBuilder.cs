using System.Buffers;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Builds the <c>.fai</c> entries of a FASTA by reading it once, as <c>samtools faidx</c> does: each
/// sequence's name (first word of its header), length, byte offset of its first base (in the
/// uncompressed data for bgzip), bases per line and bytes per line. Random access needs every line
/// of a sequence but its last to hold the same number of bases, so anything else is refused,
/// naming the file and line.
/// </summary>
internal sealed class FaiBuilder
{
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\v\f"u8);
    private static readonly SearchValues<byte> LettersOrReturn = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\r"u8);
    private readonly string _path;
    private readonly List<FaiEntry> _entries = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<byte> _name = [];
    private string? _record;
    private long _recordOffset, _recordLength, _lineBases, _lineWidth, _recordLine;
    private bool _shortLineSeen;

    private FaiBuilder(string path) => _path = path;

    /// <summary>Reads the (uncompressed) FASTA bytes of <paramref name="data"/> and returns its entries.</summary>
    /// <param name="data">The uncompressed FASTA, read from its start.</param>
    /// <param name="path">The file, for messages.</param>
    /// <exception cref="FormatException">The layout cannot be indexed; the message names the file and line.</exception>
    public static List<FaiEntry> Build(Stream data, string path)
    {
        var builder = new FaiBuilder(path);
        builder.Read(data);
        return builder._entries;
    }

    private void Read(Stream data)
    {
        var buffer = new byte[1 << 20];
        long offset = 0, line = 1, lineBases = 0, lineBytes = 0;
        bool lineStart = true, header = false, nameDone = false;
        int read;
        while ((read = data.Read(buffer)) > 0)
        {
            int i = 0;
            while (i < read)
            {
                if (lineStart)
                {
                    lineStart = false;
                    if (buffer[i] == (byte)'>')
                    {
                        (header, nameDone) = (true, false);
                        _name.Clear();
                        i++;
                        continue;
                    }
                }
                int newline = buffer.AsSpan(i, read - i).IndexOf((byte)'\n');
                int end = newline < 0 ? read : i + newline;
                var part = buffer.AsSpan(i, end - i);
                if (header)
                {
                    if (!nameDone)
                    {
                        int space = part.IndexOfAny(Whitespace);
                        if (space >= 0) nameDone = true;
                        _name.AddRange(space >= 0 ? part[..space] : part);
                    }
                }
                else
                {
                    int bad = part.IndexOfAnyExcept(LettersOrReturn);
                    if (bad >= 0)
                        throw SequenceFileErrors.Content(_path, line, null, $"byte 0x{part[bad]:X2} is not a base letter, so the FASTA cannot be indexed");
                    lineBytes += part.Length;
                    lineBases += part.Length - part.Count((byte)'\r');
                }
                if (newline < 0) break;
                long next = offset + end + 1;
                if (header) StartRecord(line, next);
                else Line(line, lineBases, lineBytes + 1);
                (header, lineStart, lineBases, lineBytes) = (false, true, 0, 0);
                line++;
                i = end + 1;
            }
            offset += read;
        }
        if (header) StartRecord(line, offset);
        else if (lineBytes > 0) Line(line, lineBases, lineBytes + 1); // a last line without its line end, as if it had one
        EndRecord();
        if (_entries.Count == 0) throw SequenceFileErrors.Content(_path, line, null, "the file has no FASTA records (no line starts with '>').");
    }

    private void StartRecord(long line, long firstBase)
    {
        EndRecord();
        string name = Encoding.UTF8.GetString(_name.ToArray());
        if (name.Length == 0) throw SequenceFileErrors.Content(_path, line, null, "the FASTA header has no chromosome name after '>'.");
        if (!_names.Add(name)) throw SequenceFileErrors.Content(_path, line, null, $"the chromosome name '{name}' repeats.");
        (_record, _recordOffset, _recordLength, _lineBases, _lineWidth, _recordLine, _shortLineSeen) = (name, firstBase, 0, 0, 0, line, false);
    }

    private void Line(long line, long bases, long width)
    {
        if (_record is null)
        {
            if (bases == 0 && width - bases <= 2) return; // blank lines before the first header
            throw SequenceFileErrors.Content(_path, line, null, "expected a FASTA header line starting with '>' before any sequence.");
        }
        if (bases == 0)
        {
            _shortLineSeen = true; // a blank line may only end a record
            return;
        }
        if (_lineBases == 0)
            (_lineBases, _lineWidth) = (bases, width);
        else if (_shortLineSeen || bases > _lineBases || width - bases != _lineWidth - _lineBases)
        {
            throw SequenceFileErrors.Content(_path, line, null,
                $"the lines of '{_record}' differ in length ({_lineBases} bases per line before, {bases} here, after a shorter line or with another line end): only the last line of a sequence may be shorter, or it cannot be indexed; rewrap it (e.g. 'seqkit seq -w 60').");
        }
        else if (bases < _lineBases) _shortLineSeen = true;
        _recordLength += bases;
    }

    private void EndRecord()
    {
        if (_record is null) return;
        if (_recordLength == 0) throw SequenceFileErrors.Content(_path, _recordLine, null, $"the FASTA record '{_record}' has no sequence lines after its header.");
        _entries.Add(new FaiEntry(_record, _recordLength, _recordOffset, _lineBases, _lineWidth, 0));
        _record = null;
    }
}
