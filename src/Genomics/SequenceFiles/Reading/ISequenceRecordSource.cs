namespace Cnn.MLNet.Genomics;

/// <summary>
/// A sequence file's layout, learned once when it is loaded (a delimited file's header, say):
/// which columns the output has, and how to open a fresh reader over its records.
/// </summary>
internal interface ISequenceRecordSource
{
    /// <summary>The path as the caller gave it, for messages.</summary>
    string Path { get; }

    /// <summary>How the label is read.</summary>
    SequenceLabelKind LabelKind { get; }

    /// <summary>The sequence column as the file names it, for messages.</summary>
    string SequenceColumnName { get; }

    /// <summary>The label column as the file names it, for messages.</summary>
    string LabelColumnName { get; }

    /// <summary>The output names of the text columns after <c>Sequence</c> and <c>Label</c>, in order.</summary>
    IReadOnlyList<string> ExtraColumnNames { get; }

    /// <summary>Opens the file anew, positioned before the first record.</summary>
    /// <param name="readSequence">False when the sequence is not needed, so it need not be assembled.</param>
    /// <exception cref="FileNotFoundException">The file has gone.</exception>
    ISequenceRecordReader Open(bool readSequence);
}
