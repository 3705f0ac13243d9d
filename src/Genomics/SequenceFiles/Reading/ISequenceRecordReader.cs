namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads the records of one sequence file, one at a time, as raw text. It checks the structure of
/// each record as it reads it (field counts, quoting, headers); the cursor parses the values.
/// </summary>
internal interface ISequenceRecordReader : IDisposable
{
    /// <summary>The 1-based line where the current record starts.</summary>
    long LineNumber { get; }

    /// <summary>The current record's sequence as written (empty when the reader was opened without sequences).</summary>
    string Sequence { get; }

    /// <summary>The current record's label as written; null when the label kind is None.</summary>
    string? Label { get; }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    /// <exception cref="FormatException">The record is malformed; the message says where.</exception>
    bool MoveNext();

    /// <summary>The current record's value of the extra column <paramref name="index"/> (see <see cref="ISequenceRecordSource.ExtraColumnNames"/>).</summary>
    string GetExtra(int index);
}
