using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A streaming <see cref="IDataView"/> over a sequence file: nothing is cached; every cursor
/// opens the file and reads it line by line, so a file larger than memory can be read, and a
/// file changed between passes is read as it is now. The row count is unknown until read
/// (<see cref="GetRowCount"/> is null) and the view cannot shuffle itself
/// (<c>ml.Data.ShuffleRows</c> shuffles it through a pool).
/// </summary>
internal sealed class SequenceFileDataView : IDataView
{
    private readonly ISequenceRecordSource _source;

    /// <summary>Creates the view over <paramref name="source"/>.</summary>
    public SequenceFileDataView(ISequenceRecordSource source)
    {
        _source = source;
        Schema = SequenceFileSchema.Build(source);
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <summary>The file the rows come from (for error messages).</summary>
    public string Path => _source.Path;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => null;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
            {
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), column.Name,
                    $"Column '{column.Name}' (index {column.Index}) is not a column of the sequence file '{_source.Path}'.");
            }
            active[column.Index] = true;
        }
        return new SequenceFileCursor(_source, Schema, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
