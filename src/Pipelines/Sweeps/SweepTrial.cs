namespace Cnn.MLNet.Pipelines;

/// <summary>How a trial's last evaluation ended.</summary>
public enum SweepTrialStatus
{
    /// <summary>Not evaluated: the time limit ended the sweep first.</summary>
    NotRun,
    /// <summary>Trained and evaluated on every fold.</summary>
    Completed,
    /// <summary>The training loss became NaN or infinite (usually too high a learning rate); see <see cref="SweepTrial.Error"/>.</summary>
    Diverged,
    /// <summary>The sweep's time limit stopped it mid-training; it keeps the results of its last completed rung.</summary>
    TimedOut,
    /// <summary>Its metric was not defined (NaN) on a fold, e.g. R² of constant predictions; see <see cref="SweepTrial.Error"/>.</summary>
    Undefined,
}

/// <summary>
/// One configuration of a sweep and how far it got: the last halving rung it completed, its metric
/// on each fold there, their mean and spread, the time it took over all rungs, and how its last
/// evaluation ended (which may be a later rung that the time limit cut short).
/// </summary>
public sealed class SweepTrial
{
    private readonly SortedDictionary<int, double> _meanByRung = [];

    internal SweepTrial(int id, CnnTrialOptions options, SweepTrialSource source = SweepTrialSource.Random)
    {
        Id = id;
        Options = options;
        Source = source;
    }

    /// <summary>1-based, in the order the sweep started it.</summary>
    public int Id { get; }

    /// <summary>Where the configuration came from: a warm-start preset, a random draw, the model-based proposer, or a fixed list.</summary>
    public SweepTrialSource Source { get; }

    /// <summary>The configuration; <see cref="CnnTrialOptions.Epochs"/> is the epoch budget of its last completed rung.</summary>
    public CnnTrialOptions Options { get; private set; }

    /// <summary>The 0-based halving rung it last completed (0 when none).</summary>
    public int Rung { get; private set; }

    /// <summary>Whether it completed at least one rung.</summary>
    public bool HasResults => FoldValues.Count > 0;

    /// <summary>How its last evaluation ended.</summary>
    public SweepTrialStatus Status { get; private set; } = SweepTrialStatus.NotRun;

    /// <summary>Why its last evaluation did not complete, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The 0-based rung of its last evaluation (later than <see cref="Rung"/> when that one did not complete).</summary>
    public int LastRung { get; private set; }

    /// <summary>The epoch budget of its last evaluation.</summary>
    public int LastEpochs { get; private set; }

    /// <summary>The metric on each fold at its last completed rung (empty if none completed).</summary>
    public IReadOnlyList<double> FoldValues { get; private set; } = [];

    /// <summary>Mean of <see cref="FoldValues"/>; NaN when none.</summary>
    public double Mean => FoldValues.Count == 0 ? double.NaN : FoldValues.Average();

    /// <summary>Sample standard deviation of <see cref="FoldValues"/>; NaN with fewer than two folds.</summary>
    public double StandardDeviation
    {
        get
        {
            if (FoldValues.Count < 2) return double.NaN;
            double mean = Mean;
            return Math.Sqrt(FoldValues.Sum(v => (v - mean) * (v - mean)) / (FoldValues.Count - 1));
        }
    }

    /// <summary>The epoch with the lowest validation loss in each fold at its last completed rung (what a refit trains for).</summary>
    public IReadOnlyList<int> BestEpochs { get; private set; } = [];

    /// <summary>The metric's mean at each rung it completed, first rung first.</summary>
    public IReadOnlyList<double> RungMeans => [.. _meanByRung.Values];

    /// <summary>Training and evaluation time over all its rungs.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>
    /// Whether it is ranked: it has results with a defined mean, and its last evaluation completed
    /// or was only cut short by the time limit (then its last completed rung counts). A trial that
    /// diverged, even at a later rung, is not ranked: longer training makes it unstable.
    /// </summary>
    public bool IsRanked => HasResults && !double.IsNaN(Mean) && Status is SweepTrialStatus.Completed or SweepTrialStatus.TimedOut;

    /// <summary>Its mean at rung <paramref name="rung"/>, when it completed that rung.</summary>
    internal bool TryGetMeanAt(int rung, out double mean) => _meanByRung.TryGetValue(rung, out mean);

    /// <summary>Whether it has been evaluated (in any way) at rung <paramref name="rung"/> or above.</summary>
    internal bool Reached(int rung) => LastRung >= rung && Status != SweepTrialStatus.NotRun;

    internal void Completed(int rung, int epochs, IReadOnlyList<double> values, IReadOnlyList<int> bestEpochs, TimeSpan took)
    {
        (Rung, Options, Status, Error, LastRung, LastEpochs) = (rung, Options.WithEpochs(epochs), SweepTrialStatus.Completed, null, rung, epochs);
        (FoldValues, BestEpochs) = (values, bestEpochs);
        _meanByRung[rung] = Mean;
        Duration += took;
    }

    /// <summary>Files its only result under another rung: the warm start's first trial runs before the rungs are known.</summary>
    internal void MoveToRung(int rung)
    {
        if (_meanByRung.Remove(Rung, out double mean)) _meanByRung[rung] = mean;
        (Rung, LastRung) = (rung, rung);
    }

    internal void Failed(int rung, int epochs, SweepTrialStatus status, string error, TimeSpan took)
    {
        (Status, Error, LastRung, LastEpochs) = (status, error, rung, epochs);
        Duration += took;
    }
}
