using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// An averaged ensemble of fitted Cnn.MLNet pipelines of the same task, applied to the same raw
/// input (e.g. <c>Sequence</c> or <c>ImagePath</c>): every member runs its whole pipeline (its own
/// encoding and network), and the ensemble writes the task's usual scoring columns from the
/// members' average, so ML.NET's evaluators, <c>PredictionEngine</c> and
/// <c>ml.Model.SaveCnn</c> take it like a single model:
/// <list type="bullet">
/// <item>binary — Probability = mean of the members' probabilities; Score = logit(Probability), so
/// the two stay each other's sigmoid; PredictedLabel = Score &gt; 0 (mean probability &gt; ½);</item>
/// <item>multiclass — Score = mean of the members' class-probability vectors; PredictedLabel = its
/// arg-max (first on ties) as a key carrying the class names; members must have the same classes
/// in the same order;</item>
/// <item>regression — Score = mean of the members' scores.</item>
/// </list>
/// Columns that the members' pipelines add after their network (e.g. <c>PredictedClass</c>, the
/// class name, in the ready-made pipelines) are computed from the averaged columns by the first
/// member's stages; every member must add the same ones. The members' intermediate columns
/// (encodings, pixels) are not in the output. Created with <c>ml.Model.CreateCnnEnsemble</c>.
/// </summary>
/// <remarks>
/// Not <see cref="IDisposable"/>, like <see cref="CnnPredictionTransformer"/>: ML.NET's
/// <c>PredictionEngine</c> and <c>TransformerChain</c> dispose disposable transformers when they are
/// disposed, which would free networks still in use. <see cref="DisposeMemberNetworks"/> frees the
/// members' native weights at once; otherwise they are freed when collected.
/// </remarks>
public sealed class CnnEnsemble : ITransformer, ISavableComponent
{
    private readonly IReadOnlyList<EnsembleMember> _members;
    private readonly ITransformer _scoring; // the averaging, then member 0's stages after its network

    private CnnEnsemble(IReadOnlyList<EnsembleMember> members, ScoreAveraging averaging, TransformerChain<ITransformer> scoring)
    {
        _members = members;
        _scoring = scoring;
        Task = averaging.Task;
        ClassNames = members[0].Cnn.Model.ClassNames;
    }

    /// <summary>The members' fitted pipelines, as given, in order.</summary>
    public IReadOnlyList<ITransformer> Members => _members.Select(m => m.Pipeline).ToArray();

    /// <summary>Each member's network stage (its last <see cref="CnnPredictionTransformer"/>), in member order.</summary>
    public IReadOnlyList<CnnPredictionTransformer> MemberNetworks => _members.Select(m => m.Cnn).ToArray();

    /// <summary>The members' common task.</summary>
    public CnnTaskKind Task { get; }

    /// <summary>The members' common class names, in key order, for multiclass ensembles; else null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <summary>
    /// Creates an ensemble of <paramref name="members"/>, checking now that they can be averaged.
    /// Prefer <c>ml.Model.CreateCnnEnsemble</c>.
    /// </summary>
    /// <param name="members">At least two fitted pipelines, each ending in a Cnn network (optionally followed by stock stages such as <c>MapKeyToValue</c>).</param>
    /// <param name="inputSchema">The schema of the raw data the members are applied to, e.g. <c>data.Schema</c>.</param>
    /// <exception cref="ArgumentException">
    /// Fewer than two members; a member that is not a Cnn.MLNet pipeline or is itself an ensemble;
    /// members of different tasks, of different classes or class order, or that add different columns
    /// after their network; a member that does not accept <paramref name="inputSchema"/>. The message
    /// names the member (0-based) and what differs.
    /// </exception>
    public static CnnEnsemble Create(IEnumerable<ITransformer> members, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var given = members.ToList();
        // One member is that member: an "ensemble" of it would only hide it from the tools that need one network.
        if (given.Count < 2)
            throw new ArgumentException($"CnnEnsemble: an ensemble needs at least 2 members; {given.Count} given. Use a single model as it is.", nameof(members));
        var split = given.Select(EnsembleMember.Split).ToList();
        var first = split[0].Cnn.Model;
        foreach (var member in split.Skip(1))
        {
            var model = member.Cnn.Model;
            if (model.TaskKind != first.TaskKind)
                throw new ArgumentException($"CnnEnsemble: member {member.Index} is a {TaskNames.Of(model.TaskKind)} model but member 0 is a "
                    + $"{TaskNames.Of(first.TaskKind)} model; members must share one task.", nameof(members));
        }
        if (first.TaskKind == CnnTaskKind.MulticlassClassification) CheckSameClasses(split);
        var averaging = ScoreAveraging.For(first.TaskKind, first.ClassNames);
        CheckSameTrailingColumns(split, inputSchema, averaging);

        var scoring = new TransformerChain<ITransformer>([new EnsembleAveragingTransformer(split, averaging), .. split[0].Trailing]);
        try { scoring.GetOutputSchema(inputSchema); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException("CnnEnsemble: member 0's stages after its network ("
                + string.Join(", ", split[0].Trailing.Select(t => TypeNames.Describe(t.GetType())))
                + $") cannot run on the averaged columns, which hold only the input's columns and the task's scoring columns: {e.Message}", nameof(members), e);
        }
        return new CnnEnsemble(split, averaging, scoring);
    }

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _scoring.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => _scoring.Transform(input);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _scoring.GetRowToRowMapper(inputSchema);

    /// <summary>Frees every member network's native weights now; the ensemble (and the members) cannot score afterwards.</summary>
    public void DisposeMemberNetworks()
    {
        foreach (var member in _members) member.Cnn.Model.Dispose();
    }

    // Upstream: third-party transformers cannot implement ML.NET's saving (ModelSaveContext is internal):
    // https://github.com/dotnet/machinelearning/issues/4911, https://github.com/dotnet/machinelearning/issues/6839
    /// <summary>Not supported: save ensembles with <c>ml.Model.SaveCnn</c>.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw CannotSaveWithMLNet();

    internal static NotSupportedException CannotSaveWithMLNet() =>
        new("A CnnEnsemble cannot be saved with MLContext.Model.Save: ML.NET has no public way to register a loader for a third-party transformer. "
            + "Save it with Cnn.MLNet's model container (ml.Model.SaveCnn).");

    private static void CheckSameClasses(IReadOnlyList<EnsembleMember> members)
    {
        var first = members[0].Cnn.Model.ClassNames;
        foreach (var member in members)
        {
            var names = member.Cnn.Model.ClassNames
                ?? throw new ArgumentException($"CnnEnsemble: multiclass member {member.Index} carries no class names (its label had no text key values), "
                    + "so its class order cannot be checked against the other members'.", "members");
            if (!names.SequenceEqual(first!, StringComparer.Ordinal))
                throw new ArgumentException($"CnnEnsemble: member {member.Index} predicts the classes [{string.Join(", ", names)}] but member 0 predicts "
                    + $"[{string.Join(", ", first!)}]; members must have the same classes in the same order (map labels to keys the same way, "
                    + "e.g. MapValueToKey with keyOrdinality ByValue or the same keyData).", "members");
        }
    }

    // The columns a member's pipeline adds after its network must be the same for every member, since
    // only member 0's stages are applied to the averaged columns.
    private static void CheckSameTrailingColumns(IReadOnlyList<EnsembleMember> members, DataViewSchema inputSchema, ScoreAveraging averaging)
    {
        string[]? expected = null;
        foreach (var member in members)
        {
            var scored = EnsembleAveragingTransformer.CheckAccepts(member, inputSchema, averaging);
            var full = member.Pipeline.GetOutputSchema(inputSchema);
            var added = full.Where(c => !c.IsHidden && !(scored.GetColumnOrNull(c.Name) is { } before && before.Type.Equals(c.Type)))
                .Select(c => $"{c.Name} ({c.Type})").ToArray();
            expected ??= added;
            if (!added.SequenceEqual(expected))
                throw new ArgumentException($"CnnEnsemble: member {member.Index} adds the columns [{string.Join(", ", added)}] after its network but member 0 adds "
                    + $"[{string.Join(", ", expected)}]; members must produce the same output columns.", "members");
        }
    }

    string ISavableComponent.ComponentKind => EnsembleCodec.Kind;

    int ISavableComponent.ComponentVersion => EnsembleCodec.ComponentVersion;

    void ISavableComponent.Save(IComponentWriter writer) => EnsembleCodec.Save(this, writer);
}
