using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Serves rows from one upstream cursor and appended columns from batches that a second,
/// input-only cursor reads ahead: when the served row leaves the current batch, the lead
/// cursor reads the next batch and the <see cref="IBatchedRowFunction"/> computes it in one pass.
/// When no upstream column is wanted, there is no row cursor: rows, positions and ids come from
/// the lead cursor's batch (one upstream read per row instead of two).
/// Rows are read straight into a <see cref="HostBatchBuffer"/> made once per cursor, which the
/// network reads without a further copy on CPU (and from pinned memory on CUDA).
/// </summary>
internal sealed class BatchedScoringCursor : DataViewRowCursor
{
    private readonly AppendedColumnsBinding _binding;
    private readonly DataViewRowCursor? _rows;
    private readonly DataViewRowCursor _lead;
    private readonly IBatchedRowFunction _function;
    private readonly ValueGetter<VBuffer<float>> _leadFeatures;
    private readonly ValueGetter<DataViewRowId> _leadId;
    private readonly ValueGetter<DataViewRowId>? _rowId;
    private readonly Delegate?[] _outputGetters;
    private readonly HostBatchBuffer _features;
    private readonly float[] _outputs;
    private readonly DataViewRowId[] _ids;
    private readonly int _batchSize;
    private VBuffer<float> _row;
    private int _count;
    private int _index = -1;
    private long _position = -1;
    private bool _disposed;

    public BatchedScoringCursor(AppendedColumnsBinding binding, SingleRowScoringMapper mapper, DataViewRowCursor? rows, DataViewRowCursor lead,
        IReadOnlyList<bool> active, int batchSize)
    {
        _binding = binding;
        _rows = rows;
        _lead = lead;
        _function = mapper.Function;
        _batchSize = batchSize;
        _features = new HostBatchBuffer(batchSize, _function.InputSize, _function.Device);
        _outputs = new float[batchSize * _function.OutputWidth];
        _ids = new DataViewRowId[batchSize];
        _leadFeatures = lead.GetGetter<VBuffer<float>>(lead.Schema[mapper.Input.Index]);
        _leadId = lead.GetIdGetter();
        _rowId = rows?.GetIdGetter();
        int outputs = _function.OutputWidth;
        _outputGetters = _function.CreateGetters(() => _outputs.AsMemory(_index * outputs, outputs), active);
        Schema = binding.OutputSchema;
    }

    public override DataViewSchema Schema { get; }
    public override long Position => _rows?.Position ?? _position;
    public override long Batch => _rows?.Batch ?? 0;
    public override ValueGetter<DataViewRowId> GetIdGetter() => _rows?.GetIdGetter() ?? ((ref DataViewRowId id) => id = _ids[_index]);

    public override bool MoveNext()
    {
        if (_rows == null)
        {
            if (++_index >= _count && !ScoreNextBatch()) return false;
            _position++;
            return true;
        }
        if (!_rows.MoveNext()) return false;
        if (++_index >= _count && !ScoreNextBatch())
            throw new InvalidOperationException($"{_function.Component}: the upstream data gave two cursors different row counts; cache the data first (ml.Data.Cache).");
        DataViewRowId id = default;
        _rowId!(ref id);
        if (!id.Equals(_ids[_index]))
            throw new InvalidOperationException($"{_function.Component}: the upstream data gave two cursors different row orders, so batched scores cannot be matched to rows. "
                + "Score through a PredictionEngine, or cache the data first (ml.Data.Cache).");
        return true;
    }

    // Reads and computes the next batch; false when the lead cursor has no rows left.
    private bool ScoreNextBatch()
    {
        _count = 0;
        _index = 0;
        int size = _function.InputSize;
        var features = _features.Values;
        while (_count < _batchSize && _lead.MoveNext())
        {
            _leadFeatures(ref _row);
            _row.CopyTo(features.Slice(_count * size, size));
            _leadId(ref _ids[_count]);
            _count++;
        }
        if (_count == 0) return false;
        _function.Compute(_features, _count, _outputs);
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column)
    {
        int index = Check(column);
        if (index < _binding.InputColumnCount) return _rows?.IsColumnActive(_rows.Schema[index]) ?? false;
        return _outputGetters[index - _binding.InputColumnCount] != null;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = Check(column);
        if (index < _binding.InputColumnCount)
            return _rows != null ? _rows.GetGetter<TValue>(_rows.Schema[index])
                : throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created; request it in the columns needed.");
        var getter = _outputGetters[index - _binding.InputColumnCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created; request it in the columns needed.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {Schema[index].Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    private int Check(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), column.Name, $"Column '{column.Name}' is not a column of this cursor's schema.");
        return column.Index;
    }

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _rows?.Dispose();
            _lead.Dispose();
            _features.Dispose();
        }
        _disposed = true;
        base.Dispose(disposing);
    }
}
