namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The epochs of each halving rung and the share that is promoted: rung k trains first·η^k epochs
/// (the last rung exactly the maximum) and the best ⌊n/η⌋ of the n that completed it go on.
/// Each rung trains its trials from scratch with its own epoch budget.
/// </summary>
internal sealed class HalvingSchedule
{
    private readonly int _reduction;

    public HalvingSchedule(CnnSweepOptions options)
        : this(options.MinEpochs ?? 2, options.MaxEpochs, options.ReductionFactor, options.SuccessiveHalving)
    {
    }

    public HalvingSchedule(int firstEpochs, int maxEpochs, int reduction, bool halving)
    {
        _reduction = reduction;
        var epochs = new List<int>();
        if (halving)
            for (long e = Math.Min(firstEpochs, maxEpochs); e < maxEpochs; e *= reduction) epochs.Add((int)e);
        // A last intermediate rung that the maximum exceeds by less than η (18 before 20) would only
        // retrain its survivors a little longer from scratch: the maximum replaces it (the first rung stays).
        if (epochs.Count > 1 && (long)epochs[^1] * reduction > maxEpochs) epochs.RemoveAt(epochs.Count - 1);
        epochs.Add(maxEpochs);
        Epochs = epochs;
    }

    /// <summary>Epochs per rung, first rung first.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>The last rung: the full epoch budget.</summary>
    public int Top => Epochs.Count - 1;

    /// <summary>How many of <paramref name="evaluated"/> trials go on to the next rung (at least one).</summary>
    public int Survivors(int evaluated) => Math.Max(1, evaluated / _reduction);

    /// <summary>How many go on while new trials may still join the rung (asynchronous halving): ⌊n/η⌋, possibly none.</summary>
    public int Promotable(int evaluated) => evaluated / _reduction;
}
