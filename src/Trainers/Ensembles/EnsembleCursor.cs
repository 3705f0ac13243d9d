using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Walks the input and every member's scored rows in lock-step: input columns come from the input
/// cursor, averaged columns from the members' current rows. Row ids are compared on every row, so
/// an upstream view that orders rows differently per cursor fails loudly instead of averaging
/// scores of different rows. Disposing it disposes all the cursors it walks.
/// </summary>
internal sealed class EnsembleCursor : DataViewRowCursor
{
    private readonly AppendedColumnsBinding _binding;
    private readonly DataViewRowCursor _input;
    private readonly DataViewRowCursor[] _members;
    private readonly ValueGetter<DataViewRowId> _inputId;
    private readonly ValueGetter<DataViewRowId>[] _memberIds;
    private readonly Delegate?[] _getters;
    private bool _disposed;

    public EnsembleCursor(AppendedColumnsBinding binding, DataViewRowCursor input, DataViewRowCursor[] members, ScoreAveraging averaging, bool[] active)
    {
        _binding = binding;
        _input = input;
        _members = members;
        _inputId = input.GetIdGetter();
        _memberIds = members.Select(m => m.GetIdGetter()).ToArray();
        _getters = members.Length > 0 ? averaging.CreateGetters(members, active) : new Delegate?[active.Length];
        Schema = binding.OutputSchema;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool MoveNext()
    {
        bool more = _input.MoveNext();
        if (_members.Length == 0) return more;
        DataViewRowId expected = default, actual = default;
        if (more) _inputId(ref expected);
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i].MoveNext() != more)
                throw new InvalidOperationException($"CnnEnsemble: member {i}'s scored rows and the input have different row counts; "
                    + "the input gives each cursor different rows. Cache the data first (ml.Data.Cache).");
            if (!more) continue;
            _memberIds[i](ref actual);
            if (!actual.Equals(expected))
                throw new InvalidOperationException($"CnnEnsemble: member {i}'s scored rows come in a different order from the input's, so scores cannot be "
                    + "averaged row by row. Score through a PredictionEngine, or cache the data first (ml.Data.Cache).");
        }
        return more;
    }

    public override bool IsColumnActive(DataViewSchema.Column column)
    {
        int index = Check(column);
        return index < _binding.InputColumnCount
            ? _input.IsColumnActive(_binding.InputSchema[index])
            : _getters[index - _binding.InputColumnCount] != null;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = Check(column);
        if (index < _binding.InputColumnCount) return _input.GetGetter<TValue>(_binding.InputSchema[index]);
        var getter = _getters[index - _binding.InputColumnCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created; request it in the columns needed.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {Schema[index].Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    private int Check(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), column.Name, $"Column '{column.Name}' (index {column.Index}) is not a column of this cursor's schema.");
        return column.Index;
    }

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _input.Dispose();
            foreach (var member in _members) member.Dispose();
        }
        _disposed = true;
        base.Dispose(disposing);
    }
}
