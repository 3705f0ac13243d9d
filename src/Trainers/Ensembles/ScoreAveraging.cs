using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// How a task's scoring columns are averaged over members: which columns of each member's
/// scored rows are read, which columns the ensemble writes (with ML.NET's names and types, as a
/// single network writes them), and their getters. Immutable; per-row state lives in the getters.
/// </summary>
internal abstract class ScoreAveraging
{
    /// <summary>The task averaged.</summary>
    public abstract CnnTaskKind Task { get; }

    /// <summary>The member scoring columns read, by name (each member's network writes them).</summary>
    public abstract IReadOnlyList<string> MemberColumns { get; }

    /// <summary>The ensemble's scoring columns, in order.</summary>
    public abstract IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>
    /// Getters (each a <see cref="ValueGetter{TValue}"/> of its column's raw type) of the active
    /// <see cref="OutputColumns"/>, reading the current row of every member from
    /// <paramref name="members"/> (one row per member, positioned on the same input row); null for
    /// inactive columns.
    /// </summary>
    public abstract Delegate?[] CreateGetters(IReadOnlyList<DataViewRow> members, IReadOnlyList<bool> active);

    /// <summary>The averaging for <paramref name="task"/>.</summary>
    /// <exception cref="ArgumentException">Multi-task models, which ensembles do not average yet.</exception>
    public static ScoreAveraging For(CnnTaskKind task, IReadOnlyList<string>? classNames) => task switch
    {
        CnnTaskKind.BinaryClassification => new BinaryScoreAveraging(),
        CnnTaskKind.MulticlassClassification => new MulticlassScoreAveraging(classNames!),
        CnnTaskKind.Regression => new RegressionScoreAveraging(),
        var other => throw new ArgumentException($"CnnEnsemble: {TaskNames.Of(other)} models cannot be averaged yet; ensembles take binary, multiclass or regression members.", "members"),
    };

    /// <summary>Getters of one member column over all members, in member order.</summary>
    protected ValueGetter<T>[] MemberGetters<T>(IReadOnlyList<DataViewRow> members, string column) =>
        members.Select(row => row.GetGetter<T>(row.Schema[column])).ToArray();
}
