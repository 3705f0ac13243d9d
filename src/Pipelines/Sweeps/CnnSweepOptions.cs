using Cnn.MLNet.Trainers.Training;

namespace Cnn.MLNet.Pipelines.Sweeps;

/// <summary>
/// How <see cref="CnnSweep"/> searches: the space, the budget (trials and wall time), the
/// evaluation (a validation split or k-fold cross-validation, both made by ML.NET's own
/// <c>TrainTestSplit</c> / <c>CrossValidationSplit</c>), successive halving, and the seed.
/// </summary>
public sealed class CnnSweepOptions
{
    /// <summary>What to draw trials from. Default null: <see cref="CnnSearchSpace.ForSequences"/> or <see cref="CnnSearchSpace.ForImages"/>.</summary>
    public CnnSearchSpace? SearchSpace { get; set; }

    /// <summary>Configurations to draw and try. Default 12.</summary>
    public int Trials { get; set; } = 12;

    /// <summary>
    /// Wall-time budget of the search (not of the final refit). When it runs out, the trial in
    /// progress is stopped between batches (it is reported as timed out) and no more are started;
    /// the best finished trial wins. Default null: no limit.
    /// </summary>
    public TimeSpan? TimeLimit { get; set; }

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
    /// Successive halving: every trial first trains <see cref="MinEpochs"/> epochs; the best
    /// 1/<see cref="ReductionFactor"/> train <see cref="ReductionFactor"/> times longer, and so on
    /// up to <see cref="MaxEpochs"/>. False trains every trial for <see cref="MaxEpochs"/> (plain random search). Default true.
    /// </summary>
    public bool SuccessiveHalving { get; set; } = true;

    /// <summary>Epochs of the first halving rung. Default 2.</summary>
    public int MinEpochs { get; set; } = 2;

    /// <summary>Epochs of the last rung, and of every trial without halving. Default 18.</summary>
    public int MaxEpochs { get; set; } = 18;

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
        if (Trials < 1) throw new ArgumentException($"{nameof(Trials)} must be at least 1 (was {Trials}).");
        if (TimeLimit is { } limit && limit <= TimeSpan.Zero) throw new ArgumentException($"{nameof(TimeLimit)} must be positive (was {limit}).");
        if (Folds < 0) throw new ArgumentException($"{nameof(Folds)} must be 0 (a validation split) or at least 2 (was {Folds}).");
        if (Folds < 2 && !(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentException($"{nameof(ValidationFraction)} must be above 0 and below 1 (was {ValidationFraction}).");
        if (MinEpochs < 1) throw new ArgumentException($"{nameof(MinEpochs)} must be at least 1 (was {MinEpochs}).");
        if (MaxEpochs < MinEpochs) throw new ArgumentException($"{nameof(MaxEpochs)} ({MaxEpochs}) must be at least {nameof(MinEpochs)} ({MinEpochs}).");
        if (ReductionFactor < 2) throw new ArgumentException($"{nameof(ReductionFactor)} must be at least 2 (was {ReductionFactor}).");
        if (EarlyStoppingPatience is < 1) throw new ArgumentException($"{nameof(EarlyStoppingPatience)} must be at least 1 or null (was {EarlyStoppingPatience}).");
    }
}
