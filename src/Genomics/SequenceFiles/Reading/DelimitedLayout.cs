namespace Cnn.MLNet.Genomics;

/// <summary>
/// The header of a delimited (TSV or CSV) sequence file and what it maps to. The first non-blank
/// line is the header. The sequence and label columns are found by name, case-insensitively; when
/// several header names differ only in case, the one matching exactly wins, and without an exact
/// match it is an error. Every other column becomes a text column named as in the header (an empty
/// header name becomes <c>ColumnN</c>, N its 1-based position); a name that is already taken,
/// compared case-insensitively (by <c>Sequence</c>, <c>Label</c> or an earlier column), gets the
/// first free suffix <c>_2</c>, <c>_3</c>, ….
/// </summary>
internal sealed class DelimitedLayout : ISequenceRecordSource
{
    private readonly string _fullPath;
    private readonly char _separator;

    private DelimitedLayout(string path, string fullPath, char separator, SequenceLabelKind labelKind, string headerText, IReadOnlyList<string> header,
        int sequenceIndex, int labelIndex, IReadOnlyList<int> extraIndexes, IReadOnlyList<string> extraNames)
    {
        Path = path;
        _fullPath = fullPath;
        _separator = separator;
        LabelKind = labelKind;
        HeaderText = headerText;
        Header = header;
        SequenceIndex = sequenceIndex;
        LabelIndex = labelIndex;
        ExtraIndexes = extraIndexes;
        ExtraColumnNames = extraNames;
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public SequenceLabelKind LabelKind { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ExtraColumnNames { get; }

    /// <summary>The header line as read when the file was loaded.</summary>
    public string HeaderText { get; }

    /// <summary>The header's column names (trimmed; empty ones named <c>ColumnN</c>).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The field index of the sequence.</summary>
    public int SequenceIndex { get; }

    /// <summary>The field index of the label; -1 when the label kind is None.</summary>
    public int LabelIndex { get; }

    /// <summary>The field index of each extra column.</summary>
    public IReadOnlyList<int> ExtraIndexes { get; }

    /// <inheritdoc/>
    public string SequenceColumnName => Header[SequenceIndex];

    /// <inheritdoc/>
    public string LabelColumnName => LabelIndex < 0 ? "Label" : Header[LabelIndex];

    /// <summary>Reads the header of the file and maps its columns.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is empty or its header is malformed or ambiguous.</exception>
    /// <exception cref="ArgumentException">The header lacks the sequence or label column.</exception>
    public static DelimitedLayout Read(string path, string fullPath, char separator, SequenceFileOptions options)
    {
        using var lines = LineReader.Open(path, fullPath);
        var splitter = new DelimitedLineSplitter(separator);
        string? line;
        do
        {
            line = lines.ReadLine();
        }
        while (line is not null && splitter.IsBlank(line));
        if (line is null)
        {
            throw new FormatException(
                $"{path}: the file is empty; a {(separator == '\t' ? "tab" : "comma")}-separated sequence file needs a header line naming its columns "
                + $"(e.g. Sequence{(separator == '\t' ? "<TAB>" : ",")}Label).");
        }

        long headerLine = lines.LineNumber;
        var fields = new List<string>();
        string? error = splitter.Split(line, fields);
        if (error is not null)
            throw SequenceFileErrors.Content(path, headerLine, null, $"(header) {error}");
        var header = fields.Select((name, i) => name.Trim() is { Length: > 0 } trimmed ? trimmed : $"Column{i + 1}").ToList();

        int sequenceIndex = Find(path, headerLine, header, options.SequenceColumn.Trim(), "sequence", nameof(options.SequenceColumn));
        int labelIndex = options.LabelKind == SequenceLabelKind.None
            ? -1
            : Find(path, headerLine, header, options.LabelColumn.Trim(), "label", nameof(options.LabelColumn));

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Sequence" };
        if (labelIndex >= 0)
            taken.Add("Label");
        // Where the search for a free suffix resumes, per header name (case-insensitive): every
        // suffix below it is taken, and taken names are never freed, so the first free suffix is
        // still found while a header of n equal names costs O(n), not O(n²).
        var nextSuffix = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var extraIndexes = new List<int>();
        var extraNames = new List<string>();
        for (int i = 0; i < header.Count; i++)
        {
            if (i == sequenceIndex || i == labelIndex)
                continue;
            string name = header[i];
            if (!taken.Add(name))
            {
                int suffix = nextSuffix.GetValueOrDefault(header[i], 2);
                do
                {
                    name = $"{header[i]}_{suffix++}";
                }
                while (!taken.Add(name));
                nextSuffix[header[i]] = suffix;
            }
            extraIndexes.Add(i);
            extraNames.Add(name);
        }
        return new DelimitedLayout(path, fullPath, separator, options.LabelKind, line, header, sequenceIndex, labelIndex, extraIndexes, extraNames);
    }

    /// <inheritdoc/>
    public ISequenceRecordReader Open(bool readSequence) => new DelimitedRecordReader(this, LineReader.Open(Path, _fullPath), _separator);

    private static int Find(string path, long headerLine, List<string> header, string wanted, string role, string option)
    {
        var exact = Indexes(header, wanted, StringComparison.Ordinal);
        var loose = Indexes(header, wanted, StringComparison.OrdinalIgnoreCase);
        if (exact.Count == 1)
            return exact[0];
        if (exact.Count == 0 && loose.Count == 1)
            return loose[0];
        if (loose.Count == 0)
            throw SequenceFileErrors.MissingColumn(path, headerLine, role, wanted, option, header);
        var matches = exact.Count > 1 ? exact : loose;
        throw SequenceFileErrors.Content(path, headerLine, null,
            $"(header) the {role} column '{wanted}' is ambiguous: columns {string.Join(", ", matches.Select(i => $"{i + 1} ('{header[i]}')"))} all match. "
            + "Rename all but one, or give the exact name.");
    }

    private static List<int> Indexes(List<string> header, string wanted, StringComparison comparison) =>
        Enumerable.Range(0, header.Count).Where(i => string.Equals(header[i], wanted, comparison)).ToList();
}
