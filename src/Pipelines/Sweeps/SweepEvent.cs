namespace Cnn.MLNet.Pipelines;

/// <summary>One completed evaluation, in the order the sweep made them: what the metric-versus-time plot draws.</summary>
/// <param name="Elapsed">Time since the sweep started, when the evaluation finished.</param>
/// <param name="TrialId">The trial evaluated.</param>
/// <param name="Rung">0-based rung.</param>
/// <param name="Epochs">The rung's epoch budget.</param>
/// <param name="Mean">The metric's mean over folds.</param>
/// <param name="FullBudget">Whether it was the last rung (the full epoch budget), so comparable with the final ranking.</param>
public sealed record SweepEvent(TimeSpan Elapsed, int TrialId, int Rung, int Epochs, double Mean, bool FullBudget);
