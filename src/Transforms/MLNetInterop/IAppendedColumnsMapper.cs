using Microsoft.ML;

namespace Cnn.MLNet.Transforms.MLNetInterop;

/// <summary>
/// What a row-to-row component computes: the columns it appends to an input schema and how to
/// compute each from an input row. <see cref="AppendedColumnsBinding"/> turns one into an output
/// schema, and <see cref="AppendedColumnsDataView"/> / <see cref="AppendedColumnsRowToRowMapper"/>
/// into an <see cref="IDataView"/> and an <see cref="Microsoft.ML.Data.IRowToRowMapper"/>.
/// </summary>
/// <remarks>
/// One instance serves many cursors at once, possibly on several threads: keep it immutable
/// and keep per-cursor state (buffers, caches) inside the getters that
/// <see cref="CreateGetter"/> returns.
/// </remarks>
internal interface IAppendedColumnsMapper
{
    /// <summary>The input schema the mapper was bound to; every input row has this schema.</summary>
    DataViewSchema InputSchema { get; }

    /// <summary>The columns appended after the input's columns, in order.</summary>
    IReadOnlyList<DataViewSchema.DetachedColumn> AppendedColumns { get; }

    /// <summary>
    /// The input columns needed to compute the appended columns whose flags are set
    /// (<paramref name="activeAppended"/> is indexed like <see cref="AppendedColumns"/>).
    /// </summary>
    IEnumerable<DataViewSchema.Column> GetDependencies(IReadOnlyList<bool> activeAppended);

    /// <summary>
    /// Creates the getter (a <see cref="ValueGetter{TValue}"/> of the column's raw type) of
    /// appended column <paramref name="appendedIndex"/>, reading from <paramref name="input"/>.
    /// Called once per cursor or row for each active appended column.
    /// </summary>
    Delegate CreateGetter(DataViewRow input, int appendedIndex);
}
