using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

/// <summary>The metric a sweep ranks by: one of <see cref="SequenceMetrics"/>' names, and whether higher is better.</summary>
/// <param name="Name">auc, accuracy, microAccuracy, rmse, …</param>
/// <param name="HigherIsBetter">True for accuracies, AUCs, F1 and R²; false for losses and errors.</param>
public sealed record SweepMetric(string Name, bool HigherIsBetter)
{
    private static readonly Dictionary<CnnTaskKind, string[]> ByTask = new()
    {
        [CnnTaskKind.BinaryClassification] = ["auc", "accuracy", "auprc", "f1", "logLoss"],
        [CnnTaskKind.MulticlassClassification] = ["microAccuracy", "macroAccuracy", "logLoss"],
        [CnnTaskKind.Regression] = ["rSquared", "rmse", "mae"],
    };

    /// <summary>
    /// The metric called <paramref name="name"/> for <paramref name="task"/>, or the task's default
    /// when null: auc (binary), microAccuracy (multiclass), rSquared (regression).
    /// </summary>
    /// <exception cref="ArgumentException">The task has no metric of that name.</exception>
    public static SweepMetric For(CnnTaskKind task, string? name)
    {
        if (!ByTask.TryGetValue(task, out var names))
            throw new NotSupportedException($"Sweeps train binary, multiclass or regression models, not {TaskNames.Of(task)}.");
        string chosen = name == null ? names[0]
            : names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
              ?? throw new ArgumentException($"Unknown metric '{name}' for a {TaskNames.Of(task)} sweep: use one of {string.Join(", ", names)}.");
        return Named(chosen);
    }

    /// <summary>The metric of any task called exactly <paramref name="name"/> (as a leaderboard CSV writes it), or null.</summary>
    internal static SweepMetric? TryNamed(string name) =>
        ByTask.Values.Any(names => names.Contains(name, StringComparer.Ordinal)) ? Named(name) : null;

    private static SweepMetric Named(string name) => new(name, name is not ("logLoss" or "rmse" or "mae"));

    /// <summary>Whether <paramref name="a"/> is strictly better than <paramref name="b"/>.</summary>
    public bool Better(double a, double b) => HigherIsBetter ? a > b : a < b;
}
