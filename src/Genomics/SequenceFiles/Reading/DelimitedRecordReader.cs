namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads the rows of a delimited file after its header: blank lines are skipped (their numbers
/// still count), and every other line must split into as many fields as the header has.
/// </summary>
internal sealed class DelimitedRecordReader : ISequenceRecordReader
{
    private readonly DelimitedLayout _layout;
    private readonly LineReader _lines;
    private readonly DelimitedLineSplitter _splitter;
    private readonly List<string> _fields = [];
    private bool _pastHeader;

    /// <summary>Reads the rows of <paramref name="lines"/>, positioned at the start of the file.</summary>
    public DelimitedRecordReader(DelimitedLayout layout, LineReader lines, char separator)
    {
        _layout = layout;
        _lines = lines;
        _splitter = new DelimitedLineSplitter(separator);
    }

    /// <inheritdoc/>
    public long LineNumber => _lines.LineNumber;

    /// <inheritdoc/>
    public string Sequence => _fields[_layout.SequenceIndex];

    /// <inheritdoc/>
    public string? Label => _layout.LabelIndex < 0 ? null : _fields[_layout.LabelIndex];

    /// <inheritdoc/>
    public string GetExtra(int index) => _fields[_layout.ExtraIndexes[index]];

    /// <inheritdoc/>
    public bool MoveNext()
    {
        string? line;
        while ((line = _lines.ReadLine()) is not null)
        {
            if (_splitter.IsBlank(line))
                continue;
            if (!_pastHeader)
            {
                _pastHeader = true; // the layout read and checked this line when the file was loaded
                if (line != _layout.HeaderText)
                {
                    throw SequenceFileErrors.Content(_layout.Path, _lines.LineNumber, null,
                        $"the header has changed since the file was loaded (now {SequenceFileErrors.Quote(line)}, was {SequenceFileErrors.Quote(_layout.HeaderText)}); load the file again.");
                }
                continue;
            }
            string? error = _splitter.Split(line, _fields);
            if (error is not null)
                throw SequenceFileErrors.Content(_layout.Path, _lines.LineNumber, null, error);
            if (_fields.Count != _layout.Header.Count)
            {
                string separator = _splitter.Separator == '\t' ? "tab" : "comma";
                throw SequenceFileErrors.Content(_layout.Path, _lines.LineNumber, null,
                    $"expected {_layout.Header.Count} {separator}-separated fields, as in the header ({string.Join(", ", _layout.Header)}), "
                    + $"but found {_fields.Count}: {SequenceFileErrors.Quote(line)}.");
            }
            return true;
        }
        _fields.Clear();
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _lines.Dispose();
}
