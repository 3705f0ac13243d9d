using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>What a sweep found, why it stopped, and how long the search and the refit took.</summary>
public sealed class CnnSweepResult
{
    internal CnnSweepResult(SweepLeaderboard leaderboard, CnnTrialOptions? refitOptions, ITransformer? model, int candidates,
        SweepStopReason stopReason, IReadOnlyList<string> notes, IReadOnlyList<SweepEvent> history, IReadOnlyList<int> rungEpochs,
        TimeSpan searchTime, TimeSpan refitTime)
    {
        Leaderboard = leaderboard;
        RefitOptions = refitOptions;
        Model = model;
        Candidates = candidates;
        StopReason = stopReason;
        Notes = notes;
        History = history;
        RungEpochs = rungEpochs;
        SearchTime = searchTime;
        RefitTime = refitTime;
    }

    /// <summary>Every trial, best first, with CSV and table writers.</summary>
    public SweepLeaderboard Leaderboard { get; }

    /// <summary>The winning trial.</summary>
    public SweepTrial Best => Leaderboard.Best!;

    /// <summary>
    /// The winner's options as refitted: its <see cref="CnnTrialOptions.Epochs"/> is the mean of
    /// its folds' best epochs (rounded), since the refit has no validation data to stop early on.
    /// </summary>
    public CnnTrialOptions? RefitOptions { get; }

    /// <summary>
    /// The winning pipeline refitted on all the sweep's data (or the ensemble of the top
    /// <see cref="CnnSweepOptions.EnsembleSize"/>), or null when <see cref="CnnSweepOptions.Refit"/> was false.
    /// Save it with <c>ml.Model.SaveCnn</c>.
    /// </summary>
    public ITransformer? Model { get; }

    /// <summary>Trials started.</summary>
    public int Candidates { get; }

    /// <summary>Why the search stopped: the time limit, the trial cap, convergence (the space is used up) or, for a fixed list, its end.</summary>
    public SweepStopReason StopReason { get; }

    /// <summary>Whether the time limit ended the search.</summary>
    public bool TimeLimitReached => StopReason == SweepStopReason.TimeLimit;

    /// <summary>How the sweep adapted: its rungs and why, and a first rung that was at chance.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every completed evaluation in time order (the metric-versus-time plot).</summary>
    public IReadOnlyList<SweepEvent> History { get; }

    /// <summary>Epochs of each halving rung, the full budget last.</summary>
    public IReadOnlyList<int> RungEpochs { get; }

    /// <summary>Time of the search: what the time limit bounds.</summary>
    public TimeSpan SearchTime { get; }

    /// <summary>Time of the refit after the search (outside the budget).</summary>
    public TimeSpan RefitTime { get; }

    /// <summary>Search and refit together.</summary>
    public TimeSpan Elapsed => SearchTime + RefitTime;

    /// <summary>One line on why the search stopped, e.g. <c>stopped: the time limit (10 min) was spent</c>.</summary>
    public string StopDescription => StopReason switch
    {
        SweepStopReason.TimeLimit => "stopped: the time limit was spent",
        SweepStopReason.TrialCap => "stopped: the trial cap was reached and every started trial finished its rungs",
        SweepStopReason.Converged => "stopped early: converged, every configuration of the search space that fits the input was evaluated",
        _ => "stopped: every candidate of the slice was evaluated",
    };
}
