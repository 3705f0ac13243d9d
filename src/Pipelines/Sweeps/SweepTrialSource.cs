namespace Cnn.MLNet.Pipelines;

/// <summary>Where a trial's configuration came from.</summary>
public enum SweepTrialSource
{
    /// <summary>The warm start: the default network or another published preset that fits the input, trained at the full epoch budget.</summary>
    Preset,
    /// <summary>Drawn uniformly from the search space (the proposer's start-up draws, or <see cref="SweepProposer.Random"/>).</summary>
    Random,
    /// <summary>Proposed by the tree-structured Parzen estimator from the results so far.</summary>
    Model,
    /// <summary>One of the seeded, fixed list of a fixed-candidate sweep (<see cref="CnnSweepOptions.FixedCandidates"/>).</summary>
    Fixed,
}

/// <summary>How a sweep proposes configurations once the warm start is done.</summary>
public enum SweepProposer
{
    /// <summary>
    /// A tree-structured Parzen estimator (Bergstra et al. 2011; Optuna's default sampler): after a few random
    /// draws, each proposal maximises the ratio of the densities of good and bad results. Default.
    /// </summary>
    Tpe,
    /// <summary>Uniform random draws (the baseline the benchmark compares TPE with).</summary>
    Random,
}

/// <summary>Why a sweep stopped searching.</summary>
public enum SweepStopReason
{
    /// <summary>The wall-time budget (<see cref="CnnSweepOptions.TimeLimit"/>) was spent.</summary>
    TimeLimit,
    /// <summary>The trial cap (<see cref="CnnSweepOptions.Trials"/>) was reached and every started trial finished its rungs.</summary>
    TrialCap,
    /// <summary>
    /// The search converged: every configuration of the (finite) search space that fits the input has been
    /// evaluated and no trial is due for promotion, so more time could not change the result. See docs/SWEEPS.md.
    /// </summary>
    Converged,
    /// <summary>A fixed-candidate sweep evaluated every candidate of its slice.</summary>
    CandidatesDone,
}
