using Cnn.MLNet.Trainers.Tasks;

namespace Cnn.MLNet.Pipelines.Training;

/// <summary>
/// ML.NET's evaluation metrics for a sequence model, by the names the command line's JSON uses:
/// binary — accuracy, auc, auprc, f1, logLoss; multiclass — microAccuracy, macroAccuracy,
/// logLoss; regression — rmse, mae, rSquared; multi-task — meanAuroc, meanAuprc, then per target
/// targetN.auroc and targetN.auprc (binary targets) or targetN.rmse and targetN.rSquared.
/// </summary>
/// <param name="Task">The model's task.</param>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="Values">Metric name → value, in a stable order.</param>
public sealed record SequenceMetrics(CnnTaskKind Task, long Rows, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    /// <summary>A metric by name.</summary>
    public double this[string name] => Values.First(v => v.Key == name).Value;

    /// <summary>The task as the command line names it: binary, multiclass, regression or multitask.</summary>
    public string TaskName => TaskNames.Of(Task);
}

/// <summary>Command-line names of tasks.</summary>
public static class TaskNames
{
    /// <summary>binary, multiclass, regression or multitask.</summary>
    public static string Of(CnnTaskKind task) => task switch
    {
        CnnTaskKind.BinaryClassification => "binary",
        CnnTaskKind.MulticlassClassification => "multiclass",
        CnnTaskKind.Regression => "regression",
        _ => "multitask",
    };

    /// <summary>Parses binary, multiclass or regression (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static CnnTaskKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "binary" => CnnTaskKind.BinaryClassification,
        "multiclass" => CnnTaskKind.MulticlassClassification,
        "regression" => CnnTaskKind.Regression,
        _ => throw new ArgumentException($"Unknown task '{name}': use binary, multiclass or regression."),
    };
}
