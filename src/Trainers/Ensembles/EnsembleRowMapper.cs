using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The ensemble's averaged columns over one input schema, row by row (the path
/// <c>PredictionEngine</c> takes): each member's pipeline maps the input row through its own
/// row-to-row mapper, and <see cref="ScoreAveraging"/> averages the members' scoring columns.
/// </summary>
internal sealed class EnsembleRowMapper : IAppendedColumnsMapper
{
    private readonly ScoreAveraging _averaging;
    private readonly IRowToRowMapper[] _members;

    public EnsembleRowMapper(DataViewSchema inputSchema, IReadOnlyList<EnsembleMember> members, ScoreAveraging averaging)
    {
        InputSchema = inputSchema;
        _averaging = averaging;
        _members = members.Select(m => m.Scorer.GetRowToRowMapper(inputSchema)).ToArray();
    }

    public DataViewSchema InputSchema { get; }

    public IReadOnlyList<DataViewSchema.DetachedColumn> AppendedColumns => _averaging.OutputColumns;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IReadOnlyList<bool> activeAppended)
    {
        if (!activeAppended.Any(a => a)) return [];
        return _members.SelectMany(m => m.GetDependencies(ScoreColumns(m.OutputSchema)))
            .DistinctBy(c => c.Index).OrderBy(c => c.Index).ToArray();
    }

    public Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeAppended)
    {
        // The member rows are not disposed: disposing a mapped row disposes the input row, which the caller owns.
        var rows = _members.Select(m => m.GetRow(input, ScoreColumns(m.OutputSchema))).ToArray();
        return _averaging.CreateGetters(rows, activeAppended);
    }

    private DataViewSchema.Column[] ScoreColumns(DataViewSchema memberOutput) =>
        _averaging.MemberColumns.Select(name => memberOutput[name]).ToArray();
}
