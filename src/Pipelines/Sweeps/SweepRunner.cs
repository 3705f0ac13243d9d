using System.Diagnostics;
using Cnn.MLNet.Pipelines.Training;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Trainers.Training;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Sweeps;

/// <summary>
/// One sweep: draws the trials, runs the halving rungs fold by fold within the time budget,
/// ranks them and refits the winner. Training is sequential: libtorch already spreads one
/// network's work over the cores, and trials in parallel would make timings and results depend on load.
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
        // The budget covers the whole search, splitting and drawing included.
        using var deadline = new CancellationTokenSource();
        if (_options.TimeLimit is { } limit && limit < LongestTimer) deadline.CancelAfter(limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _options.CancellationToken);

        var folds = Folds(data);
        SweepFoldCheck.Require(folds, _target.Task);
        long trainRows = folds.Min(f => f.Train.GetRowCount() ?? SequenceModels.CountRows(f.Train));
        var candidates = TrialDraws.Draw(space, _options.Trials, _options.Seed, trial =>
        {
            if (trial.BatchSize > trainRows)
                throw new ArgumentException($"batch size {trial.BatchSize} is larger than the {trainRows} training rows of {(folds.Count > 1 ? "the smallest fold" : "the split")}");
            _target.CheckFits(trial);
        });
        var trials = candidates.Select((c, i) => new SweepTrial(i + 1, c)).ToList();
        var schedule = new HalvingSchedule(_options);

        bool timeUp = false;
        int evaluations = 0;
        var alive = trials;
        for (int rung = 0; rung < schedule.Epochs.Count && !timeUp; rung++)
        {
            // With one trial left, lower rungs would only repeat shorter runs of it: go to the last.
            if (alive.Count == 1) rung = schedule.Epochs.Count - 1;
            int epochs = schedule.Epochs[rung];
            for (int i = 0; i < alive.Count; i++)
            {
                _options.CancellationToken.ThrowIfCancellationRequested();
                if (deadline.IsCancellationRequested) { timeUp = true; break; }
                timeUp = !Evaluate(alive[i], rung, epochs, folds, stop.Token, deadline.Token);
                _options.Progress?.Report(new SweepTrialReport(alive[i], ++evaluations, rung, schedule.Epochs.Count, i + 1, alive.Count, _metric, clock.Elapsed));
                if (timeUp) break;
            }
            if (timeUp || rung == schedule.Epochs.Count - 1) break;
            // The best ⌊n/η⌋ of the n evaluated go on; those that diverged or had no defined metric cannot.
            var finished = new SweepLeaderboard(_metric, alive.Where(t => t.Rung == rung && t.Status == SweepTrialStatus.Completed && t.IsRanked)).Trials;
            if (finished.Count == 0) break;
            alive = finished.Take(schedule.Survivors(alive.Count)).ToList();
        }

        var leaderboard = new SweepLeaderboard(_metric, trials);
        // Written before the refit, so a refit that fails or is cancelled does not lose the search.
        if (_options.LeaderboardPath is { } path) leaderboard.WriteCsv(path);
        var best = leaderboard.Best ?? throw new InvalidOperationException(NoWinner(trials, timeUp));
        CnnTrialOptions? refitOptions = null;
        ITransformer? model = null;
        if (_options.Refit)
        {
            // No validation data in the refit, so train for as long as the winner's folds found best.
            int epochs = Math.Clamp((int)Math.Round(best.BestEpochs.Average(), MidpointRounding.AwayFromZero), 1, best.Options.Epochs);
            refitOptions = best.Options.WithEpochs(epochs);
            model = _target.Train(data, null, refitOptions, patience: null, _options.Seed, _options.RefitProgress, _options.CancellationToken);
        }
        return new CnnSweepResult(leaderboard, refitOptions, model, candidates.Count, timeUp, clock.Elapsed);
    }

    // CancellationTokenSource.CancelAfter takes at most 2^32 − 2 ms (about 49.7 days); a longer limit is no limit.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    // ML.NET's own splitters, seeded, so the folds are those ML.NET's CrossValidate would use for the same seed.
    private IReadOnlyList<(IDataView Train, IDataView Validation)> Folds(IDataView data) => _options.Folds >= 2
        ? _ml.Data.CrossValidationSplit(data, _options.Folds, _options.SamplingKeyColumnName, _options.Seed).Select(f => (f.TrainSet, f.TestSet)).ToList()
        : [Split(_ml.Data.TrainTestSplit(data, _options.ValidationFraction, _options.SamplingKeyColumnName, _options.Seed))];

    private static (IDataView, IDataView) Split(DataOperationsCatalog.TrainTestData split) => (split.TrainSet, split.TestSet);

    /// <summary>Trains and scores one trial on every fold; false when the time limit stopped it.</summary>
    private bool Evaluate(SweepTrial trial, int rung, int epochs, IReadOnlyList<(IDataView Train, IDataView Validation)> folds,
        CancellationToken stop, CancellationToken deadline)
    {
        var watch = Stopwatch.StartNew();
        var values = new List<double>();
        var bestEpochs = new List<int>();
        var trialOptions = trial.Options.WithEpochs(epochs);
        try
        {
            foreach (var (train, validation) in folds)
            {
                var best = new BestEpoch();
                var model = _target.Train(train, validation, trialOptions, _options.EarlyStoppingPatience, _options.Seed, best, stop);
                try { values.Add(_target.Evaluate(model, validation)[_metric.Name]); }
                finally { _target.Release(model); }
                bestEpochs.Add(best.Epoch);
                if (double.IsNaN(values[^1]))
                {
                    trial.Failed(rung, epochs, SweepTrialStatus.Undefined,
                        $"{_metric.Name} is not defined (NaN) on {(folds.Count > 1 ? $"fold {values.Count}" : "the validation split")}", watch.Elapsed);
                    return true;
                }
            }
            trial.Completed(rung, epochs, values, bestEpochs, watch.Elapsed);
            return true;
        }
        catch (CnnTrainingDivergedException e)
        {
            e.LastGoodModel?.Dispose();
            trial.Failed(rung, epochs, SweepTrialStatus.Diverged, e.Message, watch.Elapsed);
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !_options.CancellationToken.IsCancellationRequested)
        {
            trial.Failed(rung, epochs, SweepTrialStatus.TimedOut, "stopped by the sweep's time limit", watch.Elapsed);
            return false;
        }
    }

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

    /// <summary>Records the epoch whose weights the trainer keeps (lowest validation loss).</summary>
    private sealed class BestEpoch : IProgress<EpochReport>
    {
        public int Epoch { get; private set; }

        public void Report(EpochReport value)
        {
            if (value.IsBest || Epoch == 0) Epoch = value.Epoch;
        }
    }
}
