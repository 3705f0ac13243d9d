namespace Cnn.MLNet.Pipelines.Sweeps;

/// <summary>How a trial's last evaluation ended.</summary>
public enum SweepTrialStatus
{
    /// <summary>Not evaluated: the time limit ended the sweep first.</summary>
    NotRun,
    /// <summary>Trained and evaluated on every fold.</summary>
    Completed,
    /// <summary>The training loss became NaN or infinite (usually too high a learning rate); see <see cref="SweepTrial.Error"/>.</summary>
    Diverged,
    /// <summary>The sweep's time limit stopped it mid-training.</summary>
    TimedOut,
}

/// <summary>
/// One configuration of a sweep and how far it got: the rung it reached under successive halving,
/// its metric on each fold there, their mean and spread, and the time it took over all rungs.
/// </summary>
public sealed class SweepTrial
{
    private readonly List<double> _rungMeans = [];

    internal SweepTrial(int id, CnnTrialOptions options)
    {
        Id = id;
        Options = options;
    }

    /// <summary>1-based, in the order the seed drew it.</summary>
    public int Id { get; }

    /// <summary>The configuration; <see cref="CnnTrialOptions.Epochs"/> is the epoch budget of its last evaluation.</summary>
    public CnnTrialOptions Options { get; private set; }

    /// <summary>The 0-based halving rung of its last evaluation.</summary>
    public int Rung { get; private set; }

    /// <summary>How its last evaluation ended.</summary>
    public SweepTrialStatus Status { get; private set; } = SweepTrialStatus.NotRun;

    /// <summary>Why it did not complete, or null.</summary>
    public string? Error { get; private set; }

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
    public IReadOnlyList<double> RungMeans => _rungMeans;

    /// <summary>Training and evaluation time over all its rungs.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>Whether it has a metric to be ranked by: its last evaluation completed.</summary>
    public bool IsRanked => Status == SweepTrialStatus.Completed && FoldValues.Count > 0;

    internal void Completed(int rung, int epochs, IReadOnlyList<double> values, IReadOnlyList<int> bestEpochs, TimeSpan took)
    {
        (Rung, Options, Status, Error) = (rung, Options.WithEpochs(epochs), SweepTrialStatus.Completed, null);
        (FoldValues, BestEpochs) = (values, bestEpochs);
        _rungMeans.Add(Mean);
        Duration += took;
    }

    internal void Failed(int rung, int epochs, SweepTrialStatus status, string error, TimeSpan took)
    {
        (Rung, Options, Status, Error) = (rung, Options.WithEpochs(epochs), status, error);
        Duration += took;
    }
}
