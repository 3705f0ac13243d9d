namespace Cnn.MLNet.Trainers;

/// <summary>Settings of <see cref="ProfileMetrics.Evaluate"/>'s baselines.</summary>
public sealed class ProfileMetricsOptions
{
    /// <summary>
    /// Seed of the row permutation behind the shuffled baseline (the same permutation for every
    /// track), so reports are reproducible. Default 0.
    /// </summary>
    public int ShuffleSeed { get; set; }

    /// <summary>
    /// The [track][position] profile the average-profile baseline predicts for every row: usually
    /// <see cref="ProfileMetrics.AverageProfile"/> of the training rows, so the baseline knows no more
    /// than the model did. Each track's profile must be probabilities summing to 1. Null (the default)
    /// uses the average over the evaluated rows themselves, a slightly optimistic baseline.
    /// </summary>
    public float[][]? AverageProfile { get; set; }
}
