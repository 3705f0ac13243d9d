namespace Cnn.MLNet.Genomics;

/// <summary>
/// What to read from a sequence file and how; see <see cref="SequenceFiles.Load"/>. Whatever the
/// file calls them, the output columns are always named <c>Sequence</c> and <c>Label</c>.
/// </summary>
public sealed class SequenceFileOptions
{
    /// <summary>
    /// The header name of the column holding the sequences in a delimited file, matched
    /// case-insensitively (an exact-case match wins when several columns differ only in case).
    /// Not used for FASTA. Default <c>Sequence</c>.
    /// </summary>
    public string SequenceColumn { get; set; } = "Sequence";

    /// <summary>
    /// The header name of the label column in a delimited file, matched like
    /// <see cref="SequenceColumn"/>. Not used for FASTA (the label comes from each record's header
    /// line) nor when <see cref="LabelKind"/> is <see cref="SequenceLabelKind.None"/>. Default <c>Label</c>.
    /// </summary>
    public string LabelColumn { get; set; } = "Label";

    /// <summary>
    /// How the label is read, which sets the type of the <c>Label</c> column;
    /// <see cref="SequenceLabelKind.None"/> reads no label. Default <see cref="SequenceLabelKind.Text"/>.
    /// </summary>
    public SequenceLabelKind LabelKind { get; set; } = SequenceLabelKind.Text;

    /// <summary>The file's layout; <see cref="SequenceFileFormat.Auto"/> (the default) decides by extension.</summary>
    public SequenceFileFormat Format { get; set; } = SequenceFileFormat.Auto;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(SequenceColumn))
            throw new ArgumentException("SequenceFileOptions.SequenceColumn must name the sequence column (it was empty).", "options");
        if (!Enum.IsDefined(LabelKind))
            throw new ArgumentException($"SequenceFileOptions.LabelKind has the undefined value {(int)LabelKind}; use None, Boolean, Single or Text.", "options");
        if (!Enum.IsDefined(Format))
            throw new ArgumentException($"SequenceFileOptions.Format has the undefined value {(int)Format}; use Auto, Tsv, Csv or Fasta.", "options");
        if (LabelKind == SequenceLabelKind.None)
            return;
        if (string.IsNullOrWhiteSpace(LabelColumn))
            throw new ArgumentException("SequenceFileOptions.LabelColumn must name the label column (it was empty); set LabelKind to None to read no label.", "options");
        if (string.Equals(SequenceColumn.Trim(), LabelColumn.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"SequenceFileOptions.SequenceColumn and LabelColumn both name '{SequenceColumn}'; the sequence and the label must come from different columns.", "options");
    }
}
