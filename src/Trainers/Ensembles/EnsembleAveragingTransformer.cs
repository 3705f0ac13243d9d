using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The first stage of a <see cref="CnnEnsemble"/>: appends the averaged scoring columns to the raw
/// input (batched through <see cref="EnsembleScoredDataView"/> in <c>Transform</c>, row by row
/// through <see cref="EnsembleRowMapper"/> for <c>PredictionEngine</c>). Members' own intermediate
/// columns (encodings, pixels) do not appear: they differ between members.
/// </summary>
internal sealed class EnsembleAveragingTransformer : ITransformer
{
    private readonly IReadOnlyList<EnsembleMember> _members;
    private readonly ScoreAveraging _averaging;

    public EnsembleAveragingTransformer(IReadOnlyList<EnsembleMember> members, ScoreAveraging averaging)
    {
        _members = members;
        _averaging = averaging;
    }

    public bool IsRowToRowMapper => true;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new EnsembleScoredDataView(input, Bind(input.Schema), _members, _averaging);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new AppendedColumnsRowToRowMapper(Bind(inputSchema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw CnnEnsemble.CannotSaveWithMLNet();

    /// <exception cref="ArgumentException">A member does not accept <paramref name="inputSchema"/> (the message names it).</exception>
    private AppendedColumnsBinding Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var member in _members) CheckAccepts(member, inputSchema, _averaging);
        return new AppendedColumnsBinding(new EnsembleRowMapper(inputSchema, _members, _averaging));
    }

    /// <summary>Checks that <paramref name="member"/>'s pipeline accepts <paramref name="inputSchema"/> and writes the columns the averaging reads.</summary>
    /// <returns>The member's scored schema (its network's output).</returns>
    internal static DataViewSchema CheckAccepts(EnsembleMember member, DataViewSchema inputSchema, ScoreAveraging averaging)
    {
        DataViewSchema scored;
        try { scored = member.Scorer.GetOutputSchema(inputSchema); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"CnnEnsemble: member {member.Index} does not accept the input (columns: "
                + string.Join(", ", inputSchema.Where(c => !c.IsHidden).Select(c => $"{c.Name} ({c.Type})")) + $"): {e.Message}", "inputSchema", e);
        }
        var expected = averaging.OutputColumns.ToDictionary(c => c.Name, c => c.Type);
        foreach (string name in averaging.MemberColumns)
        {
            if (scored.GetColumnOrNull(name) is not { } column || !column.Type.Equals(expected[name]))
                throw new ArgumentException($"CnnEnsemble: member {member.Index}'s network does not write the column '{name}' as {expected[name]}; "
                    + $"its scored columns are {string.Join(", ", scored.Where(c => !c.IsHidden).Select(c => $"{c.Name} ({c.Type})"))}.", "members");
        }
        return scored;
    }
}
