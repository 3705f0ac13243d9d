using System.Diagnostics;
using Cnn.MLNet.Pipelines.Sweeps;
using Cnn.MLNet.Pipelines.Training;
using Cnn.MLNet.Trainers.Networks;
using Cnn.MLNet.Trainers.Tasks;
using Cnn.MLNet.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Sweeps;

/// <summary>
/// The sweep's loop with a scripted target instead of networks: each trial's score and training
/// time are chosen by its number of filters, so promotion, time limits and undefined metrics have
/// known answers and the tests do not depend on training speed.
/// </summary>
public sealed class SweepScheduleTests
{
    private static readonly MLContext Ml = new(1);
    private static readonly IDataView Data = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new Row { Sequence = "ACGT", Label = i }).ToList());

    /// <summary>Trials with Filters = 1 … <paramref name="count"/>, everything else fixed.</summary>
    private static CnnSweepOptions Options(int count) => new()
    {
        Trials = count, Seed = 1, Metric = "rSquared", Refit = false,
        SearchSpace = new CnnSearchSpace
        {
            Filters = [.. Enumerable.Range(1, count)], KernelSizes = [3], ConvBlocks = [1], Pools = [Pooling.Max], PoolSizes = [2], BatchNorm = [false],
            Dropouts = [0], DenseUnits = [0], BatchSizes = [8], MinLearningRate = 1e-3, MaxLearningRate = 1e-3,
        },
    };

    [Fact]
    public void The_survivor_cut_short_by_the_time_limit_keeps_the_rank_it_earned_and_wins()
    {
        var options = Options(3);
        (options.MinEpochs, options.MaxEpochs, options.ReductionFactor, options.TimeLimit) = (1, 9, 3, TimeSpan.FromSeconds(1));
        // Rung 1 (1 epoch): filters 3 scores best and is the one survivor, so it goes straight to 9 epochs, where the time limit stops it.
        var target = new ScriptedTarget((trial, epochs, cancel) =>
        {
            if (epochs == 9) { cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)); cancel.ThrowIfCancellationRequested(); }
            return trial.Filters / 10.0;
        });
        var result = new SweepRunner(Ml, target, options).Run(Data);

        Assert.Equal([(1, 1), (2, 1), (3, 1), (3, 9)], target.Calls.OrderBy(c => c.Epochs).ThenBy(c => c.Filters));
        var best = result.Best;
        Assert.Equal(3, best.Options.Filters);
        Assert.Equal((SweepTrialStatus.TimedOut, 0, 2, 1, 9), (best.Status, best.Rung, best.LastRung, best.Options.Epochs, best.LastEpochs));
        Assert.Equal(0.3, best.Mean, 12);
        Assert.True(result.TimeLimitReached);
        Assert.Contains("timed out at rung 3", result.Leaderboard.ToTable());
        Assert.Contains("rung 3 (9 epochs): stopped by the sweep's time limit", result.Leaderboard.ToCsv());
    }

    [Fact]
    public void An_undefined_metric_is_reported_not_ranked_and_does_not_shrink_the_share_that_goes_on()
    {
        var options = Options(6);
        (options.MinEpochs, options.MaxEpochs, options.ReductionFactor) = (1, 3, 3);
        // Filters 1–3 score NaN (as R² does on constant predictions); 4–6 score 0.4–0.6.
        var target = new ScriptedTarget((trial, _, _) => trial.Filters <= 3 ? double.NaN : trial.Filters / 10.0);
        var board = new SweepRunner(Ml, target, options).Run(Data).Leaderboard;

        var undefined = board.Trials.Where(t => t.Status == SweepTrialStatus.Undefined).ToList();
        Assert.Equal([1, 2, 3], undefined.Select(t => t.Options.Filters).Order());
        Assert.All(undefined, t => Assert.Equal("rSquared is not defined (NaN) on the validation split", t.Error));
        Assert.All(undefined, t => Assert.False(t.IsRanked));
        // Six were evaluated, so ⌊6/3⌋ = 2 go on: the two best of those with a score.
        Assert.Equal([6, 5], board.Trials.Where(t => t.Rung == 1).Select(t => t.Options.Filters));
        Assert.Equal([6, 5, 4], board.Trials.Where(t => t.IsRanked).Select(t => t.Options.Filters));
        Assert.Equal(6, board.Best!.Options.Filters);
    }

    [Fact]
    public void A_lone_trial_trains_once_for_the_maximum_epochs()
    {
        var options = Options(1);
        (options.MinEpochs, options.MaxEpochs) = (2, 18);
        var target = new ScriptedTarget((_, _, _) => 0.5);
        var result = new SweepRunner(Ml, target, options).Run(Data);
        Assert.Equal([(1, 18)], target.Calls);
        Assert.Equal((2, 18), (result.Best.Rung, result.Best.Options.Epochs));
    }

    [Fact]
    public void The_time_limit_ends_the_sweep_mid_trial_and_lists_what_it_never_reached()
    {
        var options = Options(20);
        (options.SuccessiveHalving, options.MaxEpochs, options.TimeLimit) = (false, 2, TimeSpan.FromSeconds(1));
        // Each trial "trains" for 200 ms, stopping when the sweep's token fires, as the trainer does between batches.
        var target = new ScriptedTarget((trial, _, cancel) =>
        {
            cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            cancel.ThrowIfCancellationRequested();
            return trial.Filters / 100.0;
        });
        var clock = Stopwatch.StartNew();
        var result = new SweepRunner(Ml, target, options).Run(Data);
        var took = clock.Elapsed;

        var board = result.Leaderboard;
        Assert.True(result.TimeLimitReached);
        Assert.True(took < TimeSpan.FromSeconds(3), $"took {took.TotalSeconds:F1} s");
        int ranked = board.Trials.Count(t => t.IsRanked), stopped = board.Trials.Count(t => t.Status == SweepTrialStatus.TimedOut);
        Assert.InRange(ranked, 1, 5);
        Assert.InRange(stopped, 0, 1); // 0 only if the limit fell between two trials
        Assert.All(board.Trials.Where(t => t.Status == SweepTrialStatus.TimedOut), t => Assert.False(t.HasResults));
        var notRun = board.Trials.Where(t => t.Status == SweepTrialStatus.NotRun).ToList();
        Assert.Equal(20 - ranked - stopped, notRun.Count);
        Assert.All(notRun, t => Assert.Equal((0, TimeSpan.Zero), (t.FoldValues.Count, t.Duration)));
        Assert.Contains("not run", board.ToTable());
        // The ranked ones are the first drawn, best (most filters) first.
        Assert.Equal(board.Trials.Take(ranked).Select(t => t.Options.Filters).Order().Reverse(), board.Trials.Take(ranked).Select(t => t.Options.Filters));
    }

    [Fact]
    public void The_leaderboard_file_is_written_before_the_refit()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.csv");
        try
        {
            var options = Options(2);
            (options.SuccessiveHalving, options.MaxEpochs, options.Refit, options.LeaderboardPath) = (false, 1, true, path);
            // The refit (no validation data) fails; the search's leaderboard must already be on disk.
            var target = new ScriptedTarget((_, _, _) => 0.5, refit: () => throw new InvalidOperationException("refit failed"));
            var e = Assert.Throws<InvalidOperationException>(() => new SweepRunner(Ml, target, options).Run(Data));
            Assert.Equal("refit failed", e.Message);
            Assert.Equal(3, File.ReadAllLines(path).Length);
        }
        finally { File.Delete(path); }
    }

    private sealed class Row
    {
        public string Sequence { get; set; } = "";
        public float Label { get; set; }
    }

    /// <summary>A regression "pipeline" whose validation score is chosen by a script.</summary>
    private sealed class ScriptedTarget(Func<CnnTrialOptions, int, CancellationToken, double> score, Action? refit = null) : ISweepTarget
    {
        public List<(int Filters, int Epochs)> Calls { get; } = [];

        public CnnTaskKind Task => CnnTaskKind.Regression;

        public CnnSearchSpace DefaultSpace => new();

        public void CheckFits(CnnTrialOptions trial) { }

        public ITransformer Train(IDataView train, IDataView? validation, CnnTrialOptions trial, int? patience, int seed,
            IProgress<EpochReport>? progress, CancellationToken cancel)
        {
            if (validation == null) refit?.Invoke();
            Calls.Add((trial.Filters, trial.Epochs));
            double value = score(trial, trial.Epochs, cancel);
            progress?.Report(new EpochReport(trial.Epochs, trial.Epochs, 0, 0, "rmse", 0, trial.LearningRate, 1, TimeSpan.Zero, IsBest: true));
            return new Scored(value);
        }

        public SequenceMetrics Evaluate(ITransformer model, IDataView data) =>
            new(CnnTaskKind.Regression, 8, [new("rSquared", ((Scored)model).Value)]);

        public void Release(ITransformer model) { }
    }

    private sealed class Scored(double value) : ITransformer
    {
        public double Value => value;
        public bool IsRowToRowMapper => false;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => throw new NotSupportedException();
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();
        public IDataView Transform(IDataView input) => throw new NotSupportedException();
        void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException();
    }
}
