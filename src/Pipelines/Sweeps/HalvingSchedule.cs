namespace Cnn.MLNet.Pipelines.Sweeps;

/// <summary>
/// The epochs of each successive-halving rung and how many trials go on: rung k trains
/// MinEpochs·η^k epochs (the last rung exactly MaxEpochs) and keeps the best ⌊n/η⌋ (at least one).
/// Each rung trains its trials from scratch with its own epoch budget.
/// </summary>
internal sealed class HalvingSchedule
{
    private readonly int _reduction;

    public HalvingSchedule(CnnSweepOptions options)
    {
        _reduction = options.ReductionFactor;
        var epochs = new List<int>();
        if (options.SuccessiveHalving)
            for (long e = options.MinEpochs; e < options.MaxEpochs; e *= options.ReductionFactor) epochs.Add((int)e);
        // A last intermediate rung that the maximum exceeds by less than η (18 before 20) would only
        // retrain its survivors a little longer from scratch: the maximum replaces it (the first rung stays).
        if (epochs.Count > 1 && (long)epochs[^1] * options.ReductionFactor > options.MaxEpochs) epochs.RemoveAt(epochs.Count - 1);
        epochs.Add(options.MaxEpochs);
        Epochs = epochs;
    }

    /// <summary>Epochs per rung, first rung first.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>How many of <paramref name="evaluated"/> trials go on to the next rung.</summary>
    public int Survivors(int evaluated) => Math.Max(1, evaluated / _reduction);
}
