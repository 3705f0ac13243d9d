using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Cnn.MLNet.Pipelines.Tests.Sweeps;

[Collection(TorchCollection.Name)]
public sealed class CnnSweepTests(ITestOutputHelper output)
{
    private static readonly SequenceTrainingSettings Multiclass = new() { Task = CnnTaskKind.MulticlassClassification };

    private static CnnSweepOptions Options(int seed = 3) => new()
    {
        SearchSpace = SweepData.SmallAndLarge(),
        Trials = 6,
        MinEpochs = 2,
        MaxEpochs = 6,
        Seed = seed,
        WarmStart = false,
    };

    [Fact]
    public void The_best_trial_beats_an_underfitting_network_by_a_clear_margin_and_is_the_network_that_can_see_both_motifs()
    {
        var ml = new MLContext(1);
        var reports = new List<SweepTrialReport>();
        var options = Options();
        options.Progress = new SyncProgress<SweepTrialReport>(reports.Add);
        var result = CnnSweep.Sequences(ml, SweepData.FourClasses(ml), Multiclass, options);
        output.WriteLine(result.Leaderboard.ToTable());

        var board = result.Leaderboard;
        var best = result.Best;
        var worst = board.Trials.Last(t => t.IsRanked);
        Assert.Equal("microAccuracy", board.Metric.Name);
        Assert.Equal(6, board.Trials.Count);
        // Measured: best 0.905 (32 filters × 12 after 6 epochs), worst 0.254 (1 filter × 3; chance is 0.25).
        Assert.True(best.Mean >= worst.Mean + 0.4, $"best {best.Mean:F3} vs worst {worst.Mean:F3}");
        Assert.True(best.Mean >= 0.8, $"best {best.Mean:F3}");
        Assert.True(worst.Mean <= 0.45, $"worst {worst.Mean:F3}");
        // At the same two epochs too (the first rung), not only because the best trained longer: measured 0.573 vs 0.254.
        Assert.True(best.RungMeans[0] >= worst.RungMeans[0] + 0.2, $"first rung: best {best.RungMeans[0]:F3} vs worst {worst.RungMeans[0]:F3}");
        Assert.Equal((32, 12), (best.Options.Filters, best.Options.KernelSize));
        Assert.Equal(1, worst.Options.Filters);

        // Asynchronous successive halving with η = 3: six trials for 2 epochs; the best of the first three as soon as
        // they finished, then the best two of all six, go on to 6 epochs.
        int promoted = board.Trials.Count(t => t.Rung == 1 && t.Options.Epochs == 6);
        Assert.InRange(promoted, 2, 3);
        Assert.Equal(6 - promoted, board.Trials.Count(t => t.Rung == 0 && t.Options.Epochs == 2));
        Assert.Equal(6 + promoted, reports.Count);
        Assert.All(board.Trials.Where(t => t.Rung == 1), t => Assert.Equal(2, t.RungMeans.Count));
        var bestTwoAtFirstRung = board.Trials.OrderByDescending(t => t.RungMeans[0]).Take(2);
        Assert.All(bestTwoAtFirstRung, t => Assert.Equal(1, t.Rung));
        Assert.Equal(6, result.Candidates);
        Assert.False(result.TimeLimitReached);

        // The refit: the winner on all rows, for as many epochs as its validation run found best.
        Assert.NotNull(result.Model);
        Assert.Equal((int)Math.Round(best.BestEpochs.Average(), MidpointRounding.AwayFromZero), result.RefitOptions!.Epochs);
        Assert.True(result.RefitOptions.ToNetwork().SameAs(best.Options.ToNetwork()));
        var metrics = SequenceModels.Evaluate(ml, result.Model!, SweepData.FourClasses(ml, rows: 400, seed: 99));
        Assert.True(metrics["microAccuracy"] >= 0.8, $"refitted winner on fresh rows: {metrics["microAccuracy"]:F3}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_leaderboard_and_another_seed_draws_other_trials()
    {
        string Run(int seed)
        {
            var ml = new MLContext(seed);
            var options = Options(seed);
            options.Refit = false;
            return SweepData.WithoutSeconds(CnnSweep.Sequences(ml, SweepData.FourClasses(ml), Multiclass, options).Leaderboard.ToCsv());
        }

        string first = Run(3), again = Run(3), other = Run(4);
        output.WriteLine(first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Cross_validation_scores_every_fold_and_reports_the_spread()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(MotifData.Generate(600, 5));
        var result = CnnSweep.Sequences(ml, data, new SequenceTrainingSettings(), new CnnSweepOptions
        {
            SearchSpace = SweepData.SmallAndLarge(),
            Trials = 2,
            Folds = 3,
            SuccessiveHalving = false,
            MaxEpochs = 2,
            Refit = false,
            WarmStart = false,
        });
        output.WriteLine(result.Leaderboard.ToCsv());

        Assert.Equal("auc", result.Leaderboard.Metric.Name);
        Assert.Null(result.Model);
        foreach (var trial in result.Leaderboard.Trials)
        {
            Assert.Equal(3, trial.FoldValues.Count);
            Assert.Equal(3, trial.BestEpochs.Count);
            Assert.InRange(trial.Mean, trial.FoldValues.Min(), trial.FoldValues.Max());
            Assert.True(trial.StandardDeviation > 0, "three different folds give three different scores");
            Assert.Equal(2, trial.Options.Epochs);
        }
    }

    [Fact]
    public void A_diverging_trial_is_reported_and_ranked_last_and_the_others_still_win()
    {
        var ml = new MLContext(1);
        // Regression on motif counts × 1000 with learning rates up to 1e30: some trials' losses overflow.
        var data = ml.Data.LoadFromEnumerable(MotifData.Generate(400, 7).Select(r => new CountRow { Sequence = r.Sequence, Label = r.Count * 1000 }).ToList());
        var result = CnnSweep.Sequences(ml, data,
            new SequenceTrainingSettings { Task = CnnTaskKind.Regression }, new CnnSweepOptions
            {
                SearchSpace = new CnnSearchSpace
                {
                    Filters = [8],
                    KernelSizes = [12],
                    ConvBlocks = [1],
                    PoolSizes = [4],
                    Pools = [Pooling.Max],
                    BatchNorm = [false],
                    Dropouts = [0],
                    DenseUnits = [0],
                    BatchSizes = [32],
                    MinLearningRate = 1e-3,
                    MaxLearningRate = 1e12,
                    ReverseComplement = [false],
                    EncodingOrders = [1],
                },
                Trials = 8,
                Seed = 3,
                SuccessiveHalving = false,
                MaxEpochs = 2,
                Metric = "rmse",
                Refit = false,
                WarmStart = false,
            });
        output.WriteLine(result.Leaderboard.ToTable());

        var board = result.Leaderboard;
        var diverged = board.Trials.Where(t => t.Status == SweepTrialStatus.Diverged).ToList();
        Assert.NotEmpty(diverged);
        Assert.Contains(board.Trials, t => t.IsRanked);
        Assert.All(diverged, t => Assert.Contains("training loss became", t.Error));
        Assert.All(diverged, t => Assert.False(t.IsRanked));
        Assert.Equal(diverged.Select(t => t.Id), board.Trials.TakeLast(diverged.Count).Select(t => t.Id));
        Assert.False(board.Metric.HigherIsBetter);
        var ranked = board.Trials.Where(t => t.IsRanked).Select(t => t.Mean).ToList();
        Assert.Equal(ranked.Order(), ranked); // rmse: lower first
        Assert.Contains("Diverged", board.ToCsv());
    }

    [Fact]
    public void A_time_limit_that_ends_before_any_trial_finishes_is_a_clear_error()
    {
        var ml = new MLContext(1);
        var e = Assert.Throws<InvalidOperationException>(() => CnnSweep.Sequences(ml, SweepData.FourClasses(ml, rows: 2000), Multiclass, new CnnSweepOptions
        {
            SearchSpace = new CnnSearchSpace { Filters = [128], KernelSizes = [12], ConvBlocks = [2], DenseUnits = [64] },
            Trials = 2,
            SuccessiveHalving = false,
            MaxEpochs = 50,
            EarlyStoppingPatience = null,
            TimeLimit = TimeSpan.FromMilliseconds(300),
        }));
        Assert.Contains("time limit ran out before any trial finished", e.Message);
    }

    [Fact]
    public void Folds_that_no_trial_could_be_scored_on_are_refused_before_any_training()
    {
        var ml = new MLContext(1);
        // One row of class 'rare': in three-fold cross-validation it is in one fold's validation part and in none of that fold's training part.
        var rows = MotifData.Generate(90, 3).Select(r => new SweepData.ClassRow { Sequence = r.Sequence, Label = r.Label ? "A" : "none" }).ToList();
        rows[17].Label = "rare";
        var e = Assert.Throws<ArgumentException>(() => CnnSweep.Sequences(ml, ml.Data.LoadFromEnumerable(rows), Multiclass,
            new CnnSweepOptions { SearchSpace = SweepData.SmallAndLarge(), Trials = 2, Folds = 3 }));
        Assert.Matches("Cross-validation fold [123] of 3's validation part has the class\\(es\\) 'rare' that its training part lacks", e.Message);

        // Binary: a validation split with one label cannot give an AUC.
        var skewed = MotifData.Generate(40, 3).Select((r, i) => new MotifData.Row { Sequence = r.Sequence, Label = i == 0 }).ToList();
        var binary = Assert.Throws<ArgumentException>(() => CnnSweep.Sequences(ml, ml.Data.LoadFromEnumerable(skewed), new SequenceTrainingSettings(),
            new CnnSweepOptions { SearchSpace = SweepData.SmallAndLarge(), Trials = 2, Folds = 2 }));
        Assert.Matches("Cross-validation fold [12] of 2's (training|validation) part has only 'false' labels", binary.Message);
    }

    [Fact]
    public void Cancelling_stops_the_sweep_with_OperationCanceledException()
    {
        var ml = new MLContext(1);
        using var cancel = new CancellationTokenSource();
        var options = Options();
        options.CancellationToken = cancel.Token;
        options.Progress = new SyncProgress<SweepTrialReport>(_ => cancel.Cancel());
        Assert.ThrowsAny<OperationCanceledException>(() => CnnSweep.Sequences(ml, SweepData.FourClasses(ml), Multiclass, options));
    }

    private sealed class CountRow
    {
        public string Sequence { get; set; } = "";
        public float Label { get; set; }
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
