using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// How <see cref="CnnSweep"/> searches: the space, the budget (trials and wall time), the
/// evaluation (a validation split or k-fold cross-validation, both made by ML.NET's own
/// <c>TrainTestSplit</c> / <c>CrossValidationSplit</c>), successive halving, and the seed.
/// </summary>
public sealed class CnnSweepOptions
{
    /// <summary>What to draw trials from. Default null: <see cref="CnnSearchSpace.ForSequences"/> or <see cref="CnnSearchSpace.ForImages"/>.</summary>
    public CnnSearchSpace? SearchSpace { get; set; }

    /// <summary>
    /// The most configurations to start (the warm start's presets count). Default null: no cap, the time limit
    /// decides. With a cap the sweep is repeatable: one seed gives the same leaderboard.
    /// </summary>
    public int? Trials { get; set; }

    /// <summary>
    /// The wall-time budget of the search (not of the final refit): trials keep starting until it is spent.
    /// When it runs out, the trial in progress is stopped between batches (reported as timed out) and the best
    /// finished trial wins. Default null: no limit (then give <see cref="Trials"/>).
    /// </summary>
    public TimeSpan? TimeLimit { get; set; }

    /// <summary>
    /// Start with the default network and every other preset that fits the input (with and without
    /// reverse-complement handling for DNA/RNA), each at the full epoch budget, so the winner is never worse on
    /// validation than any of them. Default true.
    /// </summary>
    public bool WarmStart { get; set; } = true;

    /// <summary>How configurations are proposed after the warm start. Default <see cref="SweepProposer.Tpe"/>.</summary>
    public SweepProposer Proposer { get; set; } = SweepProposer.Tpe;

    /// <summary>
    /// Fixed-candidate mode: evaluate this many seeded candidates (the warm start's presets, then random draws), each at
    /// <see cref="MaxEpochs"/>, with no halving and no proposer, so slices of one list can run as independent jobs.
    /// Default null: the adaptive search.
    /// </summary>
    public int? FixedCandidates { get; set; }

    /// <summary>
    /// With <see cref="FixedCandidates"/>: evaluate only slice <c>Index</c> (1-based) of <c>Count</c>, i.e. candidates
    /// Index, Index+Count, …; merge the slices' leaderboards with <see cref="SweepLeaderboard.Merge"/>. Default null: all.
    /// </summary>
    public (int Index, int Count)? Slice { get; set; }

    /// <summary>
    /// Refit the best <c>k</c> trials that reached the full budget and average them as one ensemble model
    /// (<see cref="CnnEnsemble"/>; fewer when fewer reached the full budget). Default 1: the winner alone.
    /// </summary>
    public int EnsembleSize { get; set; } = 1;

    /// <summary>Seeds the draws, the data split and every trial's training. The same seed gives the same leaderboard (when the time limit does not cut the sweep short). Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Cross-validation folds; 0 or 1 evaluates on one validation split of <see cref="ValidationFraction"/>. Default 0.</summary>
    public int Folds { get; set; }

    /// <summary>The held-out fraction of the validation split (when <see cref="Folds"/> is below 2). Default 0.2.</summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>
    /// A column whose equal values must stay in one fold (ML.NET's <c>samplingKeyColumnName</c>),
    /// e.g. a chromosome or a sequence-family id, so related rows never straddle training and validation. Default null.
    /// </summary>
    public string? SamplingKeyColumnName { get; set; }

    /// <summary>
    /// Successive halving (asynchronous): new configurations first train the first rung's epochs; the best
    /// 1/<see cref="ReductionFactor"/> of each rung train <see cref="ReductionFactor"/> times longer, and so on up to
    /// <see cref="MaxEpochs"/>. False trains every trial for <see cref="MaxEpochs"/>. Default true.
    /// </summary>
    public bool SuccessiveHalving { get; set; } = true;

    /// <summary>
    /// Epochs of the first halving rung. Default null: chosen from the data size and the default network's learning
    /// curve (see docs/SWEEPS.md), so the first rung separates trials.
    /// </summary>
    public int? MinEpochs { get; set; }

    /// <summary>Epochs of the last rung (the full budget, where presets and the winner train), with early stopping. Default 20.</summary>
    public int MaxEpochs { get; set; } = 20;

    /// <summary>Halving's η: the share kept and the growth of the epochs from one rung to the next. Default 3.</summary>
    public int ReductionFactor { get; set; } = 3;

    /// <summary>Early-stopping patience on the validation loss within each trial; null trains every epoch. Default 3.</summary>
    public int? EarlyStoppingPatience { get; set; } = 3;

    /// <summary>The metric to rank by (see <see cref="SweepMetric.For"/>). Default null: auc, microAccuracy or rSquared by task.</summary>
    public string? Metric { get; set; }

    /// <summary>Refit the best trial on all the data given to the sweep. Default true.</summary>
    public bool Refit { get; set; } = true;

    /// <summary>Where to write the leaderboard CSV when the search ends, before the refit (so a failed refit keeps it). Default null: not written.</summary>
    public string? LeaderboardPath { get; set; }

    /// <summary>A report after each trial's evaluation. Default null.</summary>
    public IProgress<SweepTrialReport>? Progress { get; set; }

    /// <summary>Per-epoch reports of the final refit. Default null.</summary>
    public IProgress<EpochReport>? RefitProgress { get; set; }

    /// <summary>Stops the sweep between batches with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Refuses options that cannot run, naming the option (the sweep calls it).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Trials is < 1) throw new ArgumentException($"{nameof(Trials)} must be at least 1 (was {Trials}).");
        if (Trials == null && TimeLimit == null && FixedCandidates == null)
            throw new ArgumentException($"A sweep needs a budget: set {nameof(TimeLimit)}, {nameof(Trials)} (a trial cap) or both.");
        if (FixedCandidates is < 1) throw new ArgumentException($"{nameof(FixedCandidates)} must be at least 1 (was {FixedCandidates}).");
        if (Slice is var (index, count) && (count < 1 || index < 1 || index > count))
            throw new ArgumentException($"{nameof(Slice)} must be i of n with 1 ≤ i ≤ n (was {index} of {count}).");
        if (Slice != null && FixedCandidates == null) throw new ArgumentException($"{nameof(Slice)} needs {nameof(FixedCandidates)}: only a fixed list can be split.");
        if (EnsembleSize < 1) throw new ArgumentException($"{nameof(EnsembleSize)} must be at least 1 (was {EnsembleSize}).");
        if (!Enum.IsDefined(Proposer)) throw new ArgumentException($"{nameof(Proposer)} must be Tpe or Random (was {Proposer}).");
        if (TimeLimit is { } limit && limit <= TimeSpan.Zero) throw new ArgumentException($"{nameof(TimeLimit)} must be positive (was {limit}).");
        if (Folds < 0) throw new ArgumentException($"{nameof(Folds)} must be 0 (a validation split) or at least 2 (was {Folds}).");
        if (Folds < 2 && !(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentException($"{nameof(ValidationFraction)} must be above 0 and below 1 (was {ValidationFraction}).");
        if (MinEpochs is < 1) throw new ArgumentException($"{nameof(MinEpochs)} must be at least 1 (was {MinEpochs}).");
        if (MaxEpochs < 1) throw new ArgumentException($"{nameof(MaxEpochs)} must be at least 1 (was {MaxEpochs}).");
        if (MaxEpochs < MinEpochs) throw new ArgumentException($"{nameof(MaxEpochs)} ({MaxEpochs}) must be at least {nameof(MinEpochs)} ({MinEpochs}).");
        if (ReductionFactor < 2) throw new ArgumentException($"{nameof(ReductionFactor)} must be at least 2 (was {ReductionFactor}).");
        if (EarlyStoppingPatience is < 1) throw new ArgumentException($"{nameof(EarlyStoppingPatience)} must be at least 1 or null (was {EarlyStoppingPatience}).");
    }
}
