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
/// <see cref="CreateGetters"/> returns.
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
    /// Creates the getters (each a <see cref="ValueGetter{TValue}"/> of its column's raw type)
    /// of the appended columns flagged in <paramref name="activeAppended"/>, reading from
    /// <paramref name="input"/>; null for inactive ones. Called once per cursor or row, with all
    /// active columns at once so that columns computed together (a network's score, probability
    /// and label) can share one computation per row.
    /// </summary>
    Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeAppended);
}
