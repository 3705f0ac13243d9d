using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

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
