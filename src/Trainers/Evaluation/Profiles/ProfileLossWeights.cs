namespace Cnn.MLNet.Trainers;

/// <summary>Defaults for weighting the two heads of a BPNet-style profile model's loss.</summary>
public static class ProfileLossWeights
{
    /// <summary>
    /// The weight λ of the count (log total) loss against the multinomial profile loss: the median
    /// of the windows' total counts divided by 10, at least 1. This is ChromBPNet's rule (its
    /// hyperparameter scripts set <c>counts_loss_weight = np.median(total_counts) / 10</c> and raise
    /// it to 1.0 with a low-read-depth warning when it falls below), after BPNet's observation that
    /// λ ≈ ½·(mean total counts) gives the two losses equal footing. The floor keeps shallow data from
    /// all but switching the count head off. ChromBPNet first drops totals outside the 0.01 %–99.99 %
    /// quantiles; filter <paramref name="totalCounts"/> likewise if outliers are a concern.
    /// </summary>
    /// <param name="totalCounts">Each training window's total count (summed over positions, and over tracks for a joint count head).</param>
    /// <returns>max(1, median / 10); the median of an even number of values is the mean of the middle two (as numpy's).</returns>
    /// <exception cref="ArgumentException">No values, or a value that is negative, NaN or infinite.</exception>
    public static double CountWeight(IEnumerable<float> totalCounts)
    {
        ArgumentNullException.ThrowIfNull(totalCounts);
        var sorted = totalCounts.ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("The count loss weight needs at least one total count.", nameof(totalCounts));
        for (int i = 0; i < sorted.Length; i++)
            if (!float.IsFinite(sorted[i]) || sorted[i] < 0)
                throw new ArgumentException($"Total count {i} is {sorted[i]}; totals must be finite and not negative.", nameof(totalCounts));
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * ((double)sorted[mid - 1] + sorted[mid]);
        return Math.Max(1.0, median / 10);
    }
}
