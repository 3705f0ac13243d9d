using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Sweeps;

/// <summary>What a sweep found.</summary>
public sealed class CnnSweepResult
{
    internal CnnSweepResult(SweepLeaderboard leaderboard, CnnTrialOptions? refitOptions, ITransformer? model, int candidates, bool timeLimitReached, TimeSpan elapsed)
    {
        Leaderboard = leaderboard;
        RefitOptions = refitOptions;
        Model = model;
        Candidates = candidates;
        TimeLimitReached = timeLimitReached;
        Elapsed = elapsed;
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

    /// <summary>The winning pipeline refitted on all the sweep's data, or null when <see cref="CnnSweepOptions.Refit"/> was false. Save it with <c>ml.Model.SaveCnn</c>.</summary>
    public ITransformer? Model { get; }

    /// <summary>Distinct configurations drawn (fewer than the trials asked for when the space is that small).</summary>
    public int Candidates { get; }

    /// <summary>Whether the time limit ended the search before the plan was done.</summary>
    public bool TimeLimitReached { get; }

    /// <summary>Time of the search and the refit.</summary>
    public TimeSpan Elapsed { get; }
}
