using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// What <c>Transform</c> returns: the input's columns plus the columns of an
/// <see cref="IBatchedRowFunction"/> (scores, feature maps), computed in batches. A cursor that
/// reads an appended column runs a second, input-only cursor ahead of the one it serves rows
/// from, so that one forward pass covers a batch while every pass-through column still comes
/// straight from upstream (nothing is copied or cached per row).
/// </summary>
internal sealed class BatchedScoringDataView : IDataView
{
    private readonly IDataView _source;
    private readonly AppendedColumnsBinding _binding;
    private readonly SingleRowScoringMapper _mapper;
    private readonly int _batchSize;

    public BatchedScoringDataView(IDataView source, SingleRowScoringMapper mapper, int batchSize)
    {
        _source = source;
        _mapper = mapper;
        _binding = new AppendedColumnsBinding(mapper);
        _batchSize = batchSize;
    }

    public bool CanShuffle => _source.CanShuffle;

    public DataViewSchema Schema => _binding.OutputSchema;

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        var active = _binding.ActiveAppended(needed);
        if (!active.Any(a => a))
            return new AppendedColumnsCursor(_binding, _source.GetRowCursor(_binding.InputColumnsNeeded(needed), rand), active);

        // Both cursors must visit rows in the same order: same columns-independent order when not
        // shuffled, the same seed when shuffled. The cursor checks row ids to be sure.
        int? seed = rand?.Next();
        var passThrough = needed.Where(c => c.Index < _binding.InputColumnCount).Select(c => _source.Schema[c.Index]).ToList();
        // Only scores wanted (the usual case when evaluating or writing predictions): no second cursor to keep in step.
        var rows = passThrough.Count == 0 ? null : _source.GetRowCursor(passThrough, seed is int s1 ? new Random(s1) : null);
        var lead = _source.GetRowCursor([_mapper.Input], seed is int s2 ? new Random(s2) : null);
        return new BatchedScoringCursor(_binding, _mapper, rows, lead, active, _batchSize);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
