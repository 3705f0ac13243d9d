using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The ensemble's <c>Transform</c> result: the input's rows with the averaged columns appended.
/// Each member scores the input through its own pipeline (so every network keeps its batched
/// scoring), and a cursor walks the input and the members' scored rows in lock-step
/// (<see cref="EnsembleCursor"/>). Members are not scored at all when no averaged column is read.
/// </summary>
internal sealed class EnsembleScoredDataView : IDataView
{
    private readonly IDataView _input;
    private readonly AppendedColumnsBinding _binding;
    private readonly ScoreAveraging _averaging;
    private readonly IDataView[] _members;

    public EnsembleScoredDataView(IDataView input, AppendedColumnsBinding binding, IReadOnlyList<EnsembleMember> members, ScoreAveraging averaging)
    {
        _input = input;
        _binding = binding;
        _averaging = averaging;
        _members = members.Select(m => m.Scorer.Transform(input)).ToArray();
    }

    // Each cursor reads its members' scores in input order; shuffling would need every member to shuffle alike.
    public bool CanShuffle => false;

    public DataViewSchema Schema => _binding.OutputSchema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var requested = columnsNeeded.ToList();
        var active = _binding.ActiveAppended(requested);
        var inputColumns = requested.Where(c => c.Index < _binding.InputColumnCount).Select(c => _binding.InputSchema[c.Index]).ToArray();
        var input = _input.GetRowCursor(inputColumns);
        var members = active.Any(a => a)
            ? _members.Select(m => m.GetRowCursor(_averaging.MemberColumns.Select(name => m.Schema[name]))).ToArray()
            : [];
        return new EnsembleCursor(_binding, input, members, _averaging, active);
    }

    // One cursor: the members' batched scoring already uses the cores libtorch is given.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
