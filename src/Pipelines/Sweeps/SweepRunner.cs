using System.Diagnostics;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// One sweep: splits the data, runs the search within the budget (<see cref="AdaptiveSearch"/>, or
/// <see cref="FixedCandidateSearch"/>), ranks the trials and refits the winner (or the top k as an
/// ensemble) outside the budget. Training is sequential: libtorch already spreads one network's work
/// over the cores, and trials in parallel would make timings and results depend on load.
/// </summary>
internal sealed class SweepRunner
{
    private readonly MLContext _ml;
    private readonly ISweepTarget _target;
    private readonly CnnSweepOptions _options;
    private readonly SweepMetric _metric;

    public SweepRunner(MLContext ml, ISweepTarget target, CnnSweepOptions options)
    {
        (_ml, _target, _options) = (ml, target, options);
        _metric = SweepMetric.For(target.Task, options.Metric);
    }

    public CnnSweepResult Run(IDataView data)
    {
        var space = _options.SearchSpace ?? _target.DefaultSpace;
        space.Validate();
        var clock = Stopwatch.StartNew();
        // The budget covers the whole search, splitting and proposing included.
        using var deadline = new CancellationTokenSource();
        if (_options.TimeLimit is { } limit && limit < LongestTimer) deadline.CancelAfter(limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _options.CancellationToken);

        var folds = Folds(data);
        SweepFoldCheck.Require(folds, _target.Task);
        long trainRows = folds.Min(f => f.Train.GetRowCount() ?? SequenceModels.CountRows(f.Train));
        string? lastMisfit = null;
        bool Fits(CnnTrialOptions trial)
        {
            if (trial.BatchSize > trainRows)
            {
                lastMisfit = $"{trial}: batch size {trial.BatchSize} is larger than the {trainRows} training rows of {(folds.Count > 1 ? "the smallest fold" : "the split")}";
                return false;
            }
            try { _target.CheckFits(trial); return true; }
            catch (ArgumentException e) { lastMisfit = $"{trial}: {e.Message}"; return false; }
        }

        var evaluator = new TrialEvaluator(_target, _metric, folds, _options.EarlyStoppingPatience, _options.Seed, _options.CancellationToken);
        var state = new SweepState(_options, _metric, evaluator, Fits, clock, stop.Token, deadline.Token);
        SweepStopReason reason;
        IReadOnlyList<int> rungEpochs;
        if (_options.FixedCandidates != null)
        {
            reason = FixedCandidateSearch.Run(state, _options, FixedCandidateSearch.List(_options, space, _target, Fits));
            rungEpochs = [_options.MaxEpochs];
        }
        else
        {
            var search = new AdaptiveSearch(state, _options, _target, TrialProposer.Create(_options.Proposer, space, _options.Seed),
                SweepChance.Of(_metric, _target.Task, folds[0].Validation), trainRows);
            reason = search.Run();
            rungEpochs = search.Schedule.Epochs;
        }
        _options.CancellationToken.ThrowIfCancellationRequested();
        if (state.Trials.Count == 0)
            throw new ArgumentException("No network fits the input: neither a preset nor any configuration of the search space"
                + (lastMisfit == null ? "." : $" (e.g. {lastMisfit}).") + " Use smaller kernels, fewer blocks or smaller pooling windows, or longer inputs.");
        var searchTime = clock.Elapsed;

        var leaderboard = new SweepLeaderboard(_metric, state.Trials);
        // Written before the refit, so a refit that fails or is cancelled does not lose the search.
        if (_options.LeaderboardPath is { } path) leaderboard.WriteCsv(path);
        var best = leaderboard.Best ?? throw new InvalidOperationException(NoWinner(state.Trials, state.TimeUp));
        (CnnTrialOptions Options, ITransformer Model)? refit = _options.Refit ? SweepRefit.Run(_ml, _target, _options, leaderboard, data, rungEpochs.Count - 1) : null;
        return new CnnSweepResult(leaderboard, refit?.Options, refit?.Model, state.Trials.Count, reason, state.Notes, state.History,
            rungEpochs, searchTime, clock.Elapsed - searchTime);
    }

    // CancellationTokenSource.CancelAfter takes at most 2^32 − 2 ms (about 49.7 days); a longer limit is no limit.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    // ML.NET's own splitters, seeded, so the folds are those ML.NET's CrossValidate would use for the same seed.
    private IReadOnlyList<(IDataView Train, IDataView Validation)> Folds(IDataView data) => _options.Folds >= 2
        ? _ml.Data.CrossValidationSplit(data, _options.Folds, _options.SamplingKeyColumnName, _options.Seed).Select(f => (f.TrainSet, f.TestSet)).ToList()
        : [Split(_ml.Data.TrainTestSplit(data, _options.ValidationFraction, _options.SamplingKeyColumnName, _options.Seed))];

    private static (IDataView, IDataView) Split(DataOperationsCatalog.TrainTestData split) => (split.TrainSet, split.TestSet);

    private static string NoWinner(IReadOnlyList<SweepTrial> trials, bool timeUp)
    {
        var failed = trials.Where(t => t.Status is SweepTrialStatus.Diverged or SweepTrialStatus.Undefined).ToList();
        if (failed.Count == 0)
            return "The sweep's time limit ran out before any trial finished: give it more time, or use fewer folds, fewer epochs or smaller networks.";
        int diverged = failed.Count(t => t.Status == SweepTrialStatus.Diverged);
        return $"No sweep trial completed: {diverged} diverged, {failed.Count - diverged} had no defined metric"
            + (timeUp ? ", and the time limit stopped the sweep" : "")
            + $" (trial {failed[0].Id}: {failed[0].Error})." + (diverged > 0 ? " Lower the search space's MaxLearningRate." : "");
    }
}
