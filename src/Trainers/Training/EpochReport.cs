namespace Cnn.MLNet.Trainers;

/// <summary>What happened in one training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">The configured number of epochs.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch's batches.</param>
/// <param name="ValidationLoss">Mean validation loss, or null without validation data.</param>
/// <param name="MetricName">The validation metric's name (accuracy, rmse, maskedLoss).</param>
/// <param name="ValidationMetric">The validation metric, or null without validation data.</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="Rows">Training rows seen in the epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="IsBest">Whether this epoch's weights are the best so far (lowest validation loss; the last epoch without validation).</param>
public sealed record EpochReport(
    int Epoch, int Epochs, double TrainingLoss, double? ValidationLoss, string MetricName, double? ValidationMetric,
    double LearningRate, long Rows, TimeSpan Elapsed, bool IsBest)
{
    /// <summary>One line for logs.</summary>
    public override string ToString() =>
        $"epoch {Epoch}/{Epochs}: loss {TrainingLoss:F4}"
        + (ValidationLoss is double v ? $", validation loss {v:F4}, {MetricName} {ValidationMetric:F4}" : "")
        + $", lr {LearningRate:G3}, {Rows} rows, {Elapsed.TotalSeconds:F1} s" + (IsBest ? " *" : "");
}
