using Microsoft.ML;

namespace Cnn.MLNet.Transforms.MLNetInterop;

/// <summary>
/// A lazy <see cref="IDataView"/>: the source's rows with appended columns computed as cursors
/// read them. Only the input columns that the requested output columns need are requested
/// upstream.
/// </summary>
internal sealed class AppendedColumnsDataView : IDataView
{
    private readonly IDataView _source;
    private readonly AppendedColumnsBinding _binding;

    /// <summary>Appends <paramref name="binding"/>'s columns to <paramref name="source"/>, whose schema it was bound to.</summary>
    public AppendedColumnsDataView(IDataView source, AppendedColumnsBinding binding)
    {
        binding.CheckInputSchema(source.Schema, nameof(source));
        _source = source;
        _binding = binding;
    }

    /// <inheritdoc/>
    public bool CanShuffle => _source.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema => _binding.OutputSchema;

    /// <inheritdoc/>
    public long? GetRowCount() => _source.GetRowCount();

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var requested = columnsNeeded.ToList();
        var input = _source.GetRowCursor(_binding.InputColumnsNeeded(requested), rand);
        return new AppendedColumnsCursor(_binding, input, _binding.ActiveAppended(requested));
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var requested = columnsNeeded.ToList();
        var active = _binding.ActiveAppended(requested);
        return _source.GetRowCursorSet(_binding.InputColumnsNeeded(requested), n, rand)
            .Select(input => (DataViewRowCursor)new AppendedColumnsCursor(_binding, input, active))
            .ToArray();
    }
}
