using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads FASTA records: a <c>&gt;</c> header line, then sequence lines that are concatenated
/// (each trimmed of surrounding whitespace; case kept, since lowercase marks soft-masked bases).
/// Blank lines and <c>;</c> comment lines are ignored anywhere. A record's line number is its
/// header's. Content before the first header is an error, and so is a record without sequence lines.
/// </summary>
internal sealed class FastaRecordReader : ISequenceRecordReader
{
    private readonly FastaLayout _layout;
    private readonly LineReader _lines;
    private readonly bool _readSequence;
    private readonly StringBuilder _sequence = new();
    private string? _nextHeader;
    private long _nextHeaderLine;
    private bool _started;
    private string _id = "";

    /// <summary>Reads the records of <paramref name="lines"/>, positioned at the start of the file.</summary>
    public FastaRecordReader(FastaLayout layout, LineReader lines, bool readSequence)
    {
        _layout = layout;
        _lines = lines;
        _readSequence = readSequence;
    }

    /// <inheritdoc/>
    public long LineNumber { get; private set; }

    /// <inheritdoc/>
    public string Sequence { get; private set; } = "";

    /// <inheritdoc/>
    public string? Label { get; private set; }

    /// <inheritdoc/>
    public string GetExtra(int index) => index == 0 ? _id : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Reads up to the first header; false when the file has no records.</summary>
    /// <exception cref="FormatException">A line other than a blank, a comment or a header comes first.</exception>
    public bool FindFirstHeader()
    {
        _started = true;
        string? line;
        while ((line = _lines.ReadLine()) is not null)
        {
            var content = line.Trim();
            if (content.Length == 0 || content[0] == ';')
                continue;
            if (content[0] != '>')
            {
                throw SequenceFileErrors.Content(_layout.Path, _lines.LineNumber, null,
                    $"expected a FASTA header line starting with '>' before any sequence, found {SequenceFileErrors.Quote(content)}.");
            }
            _nextHeader = content;
            _nextHeaderLine = _lines.LineNumber;
            return true;
        }
        return false;
    }

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!_started)
            FindFirstHeader();
        if (_nextHeader is null)
            return false;

        string header = _nextHeader;
        LineNumber = _nextHeaderLine;
        _nextHeader = null;
        _id = FastaHeaderLine.Parse(header, _layout.LabelKind != SequenceLabelKind.None, _layout.Path, LineNumber, out string? label);
        Label = label;

        _sequence.Clear();
        bool anySequence = false;
        string? line;
        while ((line = _lines.ReadLine()) is not null)
        {
            var content = line.AsSpan().Trim();
            if (content.IsEmpty || content[0] == ';')
                continue;
            if (content[0] == '>')
            {
                _nextHeader = content.ToString();
                _nextHeaderLine = _lines.LineNumber;
                break;
            }
            anySequence = true;
            if (_readSequence)
                _sequence.Append(content);
        }
        if (!anySequence)
        {
            throw SequenceFileErrors.Content(_layout.Path, LineNumber, null,
                $"the FASTA record '{_id}' has no sequence lines after its header.");
        }
        Sequence = _readSequence ? _sequence.ToString() : "";
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _lines.Dispose();
}
