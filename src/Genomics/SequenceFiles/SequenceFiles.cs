using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads labelled sequence files — tab- or comma-separated tables with a header, or FASTA, any of
/// them optionally gzip-compressed — into a streaming <see cref="IDataView"/> ready for
/// <c>ml.Transforms.OneHotEncodeSequence("Features", "Sequence", …)</c> and a trainer.
/// </summary>
/// <remarks>
/// <para>
/// Output columns, in order: <c>Sequence</c> (text, surrounding whitespace removed); <c>Label</c>
/// (Boolean, Single or text by <see cref="SequenceFileOptions.LabelKind"/>; absent for None); then,
/// for a delimited file, every other header column as text in file order, named as in the header
/// (a name clashing case-insensitively with an earlier one gets the first free suffix <c>_2</c>,
/// <c>_3</c>, …; an empty one becomes <c>ColumnN</c>); for FASTA, the record id as text column
/// <c>Id</c>. With label kind None a delimited file's label column, if any, is just another text column.
/// </para>
/// <para>
/// Delimited files: the first non-blank line is the header; names match case-insensitively. Fields
/// may be quoted as in RFC 4180 (a quoted field holds separators and doubled quotes, on one line).
/// Blank lines are skipped; every other row must have as many fields as the header. Label values
/// lose surrounding whitespace; the other columns are kept as written.
/// FASTA: records of a <c>&gt;</c> header line and sequence lines, which are concatenated with case
/// kept; blank lines and <c>;</c> comments are ignored. The label is the value of a
/// <c>label=VALUE</c> header token, else the header's last token after the id.
/// </para>
/// <para>
/// The file is read when <see cref="Load"/> is called only as far as its header; each cursor then
/// opens and streams the file again, so nothing is held in memory. Bad content is reported when a
/// cursor reaches it, as a <see cref="FormatException"/> naming the file, the line (1-based, blank
/// lines counted), the column and the value. No row is ever skipped.
/// </para>
/// </remarks>
public static class SequenceFiles
{
    /// <summary>Loads a sequence file as a streaming data view.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="path">The file; its extension picks the format unless <see cref="SequenceFileOptions.Format"/> is set.</param>
    /// <param name="options">What to read; null uses the defaults (columns <c>Sequence</c> and <c>Label</c>, text label, format by extension).</param>
    /// <returns>The data view; its schema is fixed now, its rows are read by each cursor.</returns>
    /// <exception cref="ArgumentException">
    /// An option is invalid, the extension is unknown with <see cref="SequenceFileFormat.Auto"/>, or a
    /// delimited file's header lacks the sequence or label column (the message lists those it has).
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is empty (delimited), its header is malformed, or a FASTA file does not start with a header.</exception>
    /// <example><code>
    /// var data = SequenceFiles.Load(ml, "binding.tsv", new SequenceFileOptions { LabelKind = SequenceLabelKind.Boolean });
    /// var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
    ///     .Append(ml.BinaryClassification.Trainers.Cnn(…));
    /// </code></example>
    public static IDataView Load(MLContext ml, string path, SequenceFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SequenceFileOptions();
        options.Validate();

        var format = SequenceFileFormats.Resolve(path, options.Format);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw SequenceFileErrors.NotFound(path);

        ISequenceRecordSource source = format switch
        {
            SequenceFileFormat.Fasta => FastaLayout.Read(path, fullPath, options.LabelKind),
            SequenceFileFormat.Csv => DelimitedLayout.Read(path, fullPath, ',', options),
            _ => DelimitedLayout.Read(path, fullPath, '\t', options),
        };
        return new SequenceFileDataView(source);
    }
}
