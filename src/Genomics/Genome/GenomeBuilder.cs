namespace Cnn.MLNet.Genomics;

/// <summary>
/// Collects the records of a genome FASTA as they are read: one growing byte buffer for the current
/// chromosome, copied to an exact-size array when the next header (or the end of the file) comes.
/// Checks the structure, with messages naming the file and line.
/// </summary>
internal sealed class GenomeBuilder
{
    private const int InitialCapacity = 1 << 16;
    private readonly string _path;
    private readonly List<string> _names = [];
    private readonly Dictionary<string, byte[]> _sequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _headerLines = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[InitialCapacity];
    private int _count;
    private string? _current;
    private long _currentLine;

    /// <summary>Starts collecting for the file <paramref name="path"/> (as given, for messages).</summary>
    public GenomeBuilder(string path) => _path = path;

    /// <summary>Ends the previous record and starts one at the header <paramref name="header"/>.</summary>
    public void StartRecord(ReadOnlySpan<char> header, long line)
    {
        EndRecord();
        var rest = header[1..].Trim();
        int space = rest.IndexOfAny(' ', '\t');
        string name = (space < 0 ? rest : rest[..space]).ToString();
        if (name.Length == 0)
            throw SequenceFileErrors.Content(_path, line, null, "the FASTA header has no chromosome name after '>'.");
        if (_headerLines.TryGetValue(name, out long first))
            throw SequenceFileErrors.Content(_path, line, null, $"the chromosome name '{name}' repeats (first at line {first}).");
        _headerLines[name] = line;
        _current = name;
        _currentLine = line;
    }

    /// <summary>Appends a sequence line to the current record.</summary>
    public void AppendBases(ReadOnlySpan<char> bases, long line)
    {
        if (_current is null)
        {
            throw SequenceFileErrors.Content(_path, line, null,
                $"expected a FASTA header line starting with '>' before any sequence, found {SequenceFileErrors.Quote(bases.ToString())}.");
        }
        if ((long)_count + bases.Length > Array.MaxLength)
            throw SequenceFileErrors.Content(_path, line, null, $"the chromosome '{_current}' is longer than {Array.MaxLength} bases, the most one array can hold.");
        EnsureCapacity(_count + bases.Length);
        for (int i = 0; i < bases.Length; i++)
        {
            char c = bases[i];
            if (!char.IsAsciiLetter(c))
            {
                throw SequenceFileErrors.Content(_path, line, null,
                    $"'{c}' (U+{(int)c:X4}) at character {i + 1} is not a base letter (chromosome '{_current}').");
            }
            _buffer[_count + i] = (byte)c;
        }
        _count += bases.Length;
    }

    /// <summary>Ends the last record and returns the chromosomes in file order.</summary>
    /// <param name="lastLine">The number of lines read, for the message of a file without records.</param>
    public (string[] Names, Dictionary<string, byte[]> Sequences) Finish(long lastLine)
    {
        EndRecord();
        if (_names.Count == 0)
            throw SequenceFileErrors.Content(_path, lastLine, null, "the file has no FASTA records (no line starts with '>').");
        return (_names.ToArray(), _sequences);
    }

    private void EndRecord()
    {
        if (_current is null)
            return;
        if (_count == 0)
            throw SequenceFileErrors.Content(_path, _currentLine, null, $"the FASTA record '{_current}' has no sequence lines after its header.");
        _sequences[_current] = _buffer.AsSpan(0, _count).ToArray();
        _names.Add(_current);
        _current = null;
        _count = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length)
            return;
        long grown = Math.Max(needed, Math.Min((long)_buffer.Length * 2, Array.MaxLength));
        Array.Resize(ref _buffer, (int)grown);
    }
}
