namespace Cnn.MLNet.Genomics;

/// <summary>
/// A FASTA sequence file: the output has <c>Sequence</c>, <c>Label</c> (from each header line,
/// unless the label kind is None) and the record id as the text column <c>Id</c>.
/// </summary>
internal sealed class FastaLayout : ISequenceRecordSource
{
    /// <summary>The name of the record-id column.</summary>
    public const string IdColumn = "Id";

    private readonly string _fullPath;

    private FastaLayout(string path, string fullPath, SequenceLabelKind labelKind)
    {
        Path = path;
        _fullPath = fullPath;
        LabelKind = labelKind;
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public SequenceLabelKind LabelKind { get; }

    /// <inheritdoc/>
    public string SequenceColumnName => "Sequence";

    /// <inheritdoc/>
    public string LabelColumnName => "Label";

    /// <inheritdoc/>
    public IReadOnlyList<string> ExtraColumnNames { get; } = [IdColumn];

    /// <summary>
    /// Checks that the file exists and that its first line with content (not blank, not a
    /// <c>;</c> comment) is a <c>&gt;</c> header, so a file that is not FASTA fails at once.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file does not start with a FASTA header.</exception>
    public static FastaLayout Read(string path, string fullPath, SequenceLabelKind labelKind)
    {
        var layout = new FastaLayout(path, fullPath, labelKind);
        using var reader = new FastaRecordReader(layout, LineReader.Open(path, fullPath), readSequence: false);
        reader.FindFirstHeader();
        return layout;
    }

    /// <inheritdoc/>
    public ISequenceRecordReader Open(bool readSequence) => new FastaRecordReader(this, LineReader.Open(Path, _fullPath), readSequence);
}
