using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.MLNetInterop;

/// <summary>
/// A cursor with appended columns over an upstream cursor: it moves with the upstream cursor
/// and shares its position. Disposing it disposes the upstream cursor.
/// </summary>
internal sealed class AppendedColumnsCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly AppendedColumnGetters _getters;
    private bool _disposed;

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public AppendedColumnsCursor(AppendedColumnsBinding binding, DataViewRowCursor input, IReadOnlyList<bool> activeAppended)
    {
        _input = input;
        Schema = binding.OutputSchema;
        _getters = new AppendedColumnGetters(binding, input, activeAppended);
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public override long Position => _input.Position;

    /// <inheritdoc/>
    public override long Batch => _input.Batch;

    /// <inheritdoc/>
    public override bool MoveNext() => _input.MoveNext();

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _getters.IsColumnActive(column);

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _getters.GetGetter<TValue>(column);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _input.Dispose();
        }
        _disposed = true;
        base.Dispose(disposing);
    }
}
