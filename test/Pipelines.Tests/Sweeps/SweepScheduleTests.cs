using System.Diagnostics;
using Cnn.MLNet.Trainers;
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

    /// <summary>Trials with Filters = 1 … <paramref name="count"/>, everything else fixed; no warm start.</summary>
    private static CnnSweepOptions Options(int count) => new()
    {
        Trials = count,
        Seed = 1,
        Metric = "rSquared",
        Refit = false,
        WarmStart = false,
        SearchSpace = new CnnSearchSpace
        {
            Filters = [.. Enumerable.Range(1, count)],
            KernelSizes = [3],
            ConvBlocks = [1],
            Pools = [Pooling.Max],
            PoolSizes = [2],
            BatchNorm = [false],
            Dropouts = [0],
            DenseUnits = [0],
            BatchSizes = [8],
            MinLearningRate = 1e-3,
            MaxLearningRate = 1e-3,
            ReverseComplement = [false],
            EncodingOrders = [1],
        },
    };

    [Fact]
    public void The_warm_start_trains_the_default_first_then_every_preset_that_fits_with_and_without_strands_at_the_full_budget()
    {
        var options = Options(3);
        (options.WarmStart, options.Trials, options.MinEpochs, options.MaxEpochs) = (true, 8, 1, 9);
        // Presets score 0.5 (default) … 0.8; searched networks at most 0.3, so a preset must win. Basset does not fit.
        var target = new ScriptedTarget((trial, _, _) => trial.Preset switch
        {
            "Zou2019" => trial.ReverseComplement ? 0.55 : 0.5,
            "DeepBind" => trial.ReverseComplement ? 0.8 : 0.6,
            "DilatedResNet" => 0.7,
            _ => trial.Filters / 10.0,
        }, presets: ["Zou2019", "DeepBind", "Basset", "DilatedResNet"], strands: true);
        var result = new SweepRunner(Ml, target, options).Run(Data);

        var warm = result.Leaderboard.Trials.Where(t => t.Source == SweepTrialSource.Preset).OrderBy(t => t.Id).ToList();
        Assert.Equal(["Zou2019 no", "Zou2019 yes", "DeepBind no", "DeepBind yes", "DilatedResNet no", "DilatedResNet yes"],
            warm.Select(t => $"{t.Options.Preset} {(t.Options.ReverseComplement ? "yes" : "no")}"));
        Assert.All(warm, t => Assert.Equal((9, result.RungEpochs.Count - 1), (t.Options.Epochs, t.Rung)));
        Assert.Equal(1, warm[0].Id);
        Assert.Equal(("DeepBind", true), (result.Best.Options.Preset, result.Best.Options.ReverseComplement));
        // Two more trials fit under the cap of 8; the best of them (0.2) cannot reach a preset's rank.
        Assert.Equal(8, result.Candidates);
        Assert.Equal(SweepStopReason.TrialCap, result.StopReason);
    }

    [Fact]
    public void Asynchronous_halving_promotes_the_best_third_of_each_rung_and_only_the_best_reaches_the_full_budget()
    {
        var options = Options(6);
        (options.MinEpochs, options.MaxEpochs, options.ReductionFactor) = (1, 9, 3);
        var target = new ScriptedTarget((trial, _, _) => trial.Filters / 10.0);
        var result = new SweepRunner(Ml, target, options).Run(Data);

        Assert.Equal([1, 3, 9], result.RungEpochs);
        Assert.Equal([1, 2, 3, 4, 5, 6], target.Calls.Where(c => c.Epochs == 1).Select(c => c.Filters).Order());
        Assert.Equal([6], target.Calls.Where(c => c.Epochs == 9).Select(c => c.Filters));
        Assert.Contains((6, 3), target.Calls);
        Assert.Contains((5, 3), target.Calls);
        Assert.Equal((6, 2, 9), (result.Best.Options.Filters, result.Best.Rung, result.Best.Options.Epochs));
        Assert.Equal(SweepStopReason.TrialCap, result.StopReason);
    }

    [Fact]
    public void The_survivor_cut_short_by_the_time_limit_keeps_the_rank_it_earned_and_wins()
    {
        var options = Options(3);
        (options.MinEpochs, options.MaxEpochs, options.ReductionFactor, options.TimeLimit) = (1, 9, 3, TimeSpan.FromSeconds(1));
        var target = new ScriptedTarget((trial, epochs, cancel) =>
        {
            if (epochs == 9) { cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)); cancel.ThrowIfCancellationRequested(); }
            return trial.Filters / 10.0;
        });
        var result = new SweepRunner(Ml, target, options).Run(Data);

        Assert.Equal([(1, 1), (2, 1), (3, 1), (3, 3), (3, 9)], target.Calls.OrderBy(c => c.Epochs).ThenBy(c => c.Filters));
        var best = result.Best;
        Assert.Equal(3, best.Options.Filters);
        Assert.Equal((SweepTrialStatus.TimedOut, 1, 2, 3, 9), (best.Status, best.Rung, best.LastRung, best.Options.Epochs, best.LastEpochs));
        Assert.Equal(0.3, best.Mean, 12);
        Assert.True(result.TimeLimitReached);
        Assert.Contains("timed out at rung 3", result.Leaderboard.ToTable());
        Assert.Contains("rung 3 (9 epochs): stopped by the sweep's time limit", result.Leaderboard.ToCsv());
    }

    [Fact]
    public void A_first_rung_where_every_trial_is_at_chance_moves_new_trials_up_a_rung_and_says_so()
    {
        var options = Options(8);
        (options.MinEpochs, options.MaxEpochs, options.ReductionFactor) = (1, 9, 3);
        // One epoch teaches nothing (R² 0, chance); three or more separate the trials.
        var target = new ScriptedTarget((trial, epochs, _) => epochs == 1 ? 0 : trial.Filters / 10.0);
        var result = new SweepRunner(Ml, target, options).Run(Data);

        Assert.Equal(4, target.Calls.Count(c => c.Epochs == 1)); // η + 1 trials showed the rung was at chance
        Assert.Contains(result.Notes, n => n.Contains("all scored at chance") && n.Contains("new trials start at 3 epochs"));
        // Those four are judged again at 3 epochs, with every later trial.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], target.Calls.Where(c => c.Epochs == 3).Select(c => c.Filters).Order());
        Assert.Equal(8, result.Best.Options.Filters);
    }

    [Fact]
    public void A_used_up_finite_space_stops_the_search_early_as_converged()
    {
        var options = Options(3);
        (options.Trials, options.TimeLimit, options.MinEpochs, options.MaxEpochs) = (null, TimeSpan.FromMinutes(5), 1, 3);
        var target = new ScriptedTarget((trial, _, _) => trial.Filters / 10.0);
        var clock = Stopwatch.StartNew();
        var result = new SweepRunner(Ml, target, options).Run(Data);

        Assert.Equal(SweepStopReason.Converged, result.StopReason);
        Assert.Contains("converged", result.StopDescription);
        Assert.Equal(3, result.Candidates);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(3, result.Best.Options.Filters);
    }

    [Fact]
    public void Without_a_cap_trials_keep_starting_until_the_time_limit_is_spent()
    {
        var options = new CnnSweepOptions
        {
            TimeLimit = TimeSpan.FromSeconds(1.5),
            Seed = 1,
            Metric = "rSquared",
            Refit = false,
            WarmStart = false,
            MinEpochs = 1,
            MaxEpochs = 3,
            SearchSpace = new CnnSearchSpace { BatchSizes = [8], ReverseComplement = [false], EncodingOrders = [1] },
        };
        var target = new ScriptedTarget((trial, _, cancel) =>
        {
            cancel.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50));
            cancel.ThrowIfCancellationRequested();
            return -Math.Abs(Math.Log10(trial.LearningRate) + 3);
        });
        var result = new SweepRunner(Ml, target, options).Run(Data);

        Assert.Equal(SweepStopReason.TimeLimit, result.StopReason);
        Assert.True(result.SearchTime >= TimeSpan.FromSeconds(1.5 * 0.8), $"used {result.SearchTime.TotalSeconds:F2} s of 1.5 s");
        Assert.True(result.Candidates >= 8, $"only {result.Candidates} trials started");
        Assert.Contains(result.Leaderboard.Trials, t => t.Source == SweepTrialSource.Model);
    }

    [Fact]
    public void With_a_trial_cap_one_seed_gives_the_same_leaderboard_model_proposals_included()
    {
        CnnSweepResult Sweep() => new SweepRunner(Ml, new ScriptedTarget((trial, epochs, _) =>
            -Math.Abs(Math.Log10(trial.LearningRate) + 2.5) - Math.Abs(trial.KernelSize - 9) / 10.0 + epochs / 100.0), new CnnSweepOptions
            {
                Trials = 14,
                Seed = 7,
                Metric = "rSquared",
                Refit = false,
                WarmStart = false,
                MinEpochs = 1,
                MaxEpochs = 9,
                SearchSpace = new CnnSearchSpace { BatchSizes = [8], ReverseComplement = [false], EncodingOrders = [1] },
            }).Run(Data);
        string Board(CnnSweepResult r) => string.Join('\n', r.Leaderboard.ToCsv().Split("\r\n").Select(line => string.Join(',', line.Split(',').SkipLast(2))));

        var first = Sweep();
        Assert.Equal(Board(first), Board(Sweep()));
        Assert.Contains(first.Leaderboard.Trials, t => t.Source == SweepTrialSource.Model);
    }

    [Fact]
    public void The_model_based_proposer_finds_better_configurations_than_random_draws_on_a_known_landscape()
    {
        // The score peaks at learning rate 10^-2.5, kernel 13, 64 filters and two blocks; over eight seeds the
        // best of 30 trials should be closer to the peak with TPE than with random draws.
        double Score(CnnTrialOptions t) => -Math.Abs(Math.Log10(t.LearningRate) + 2.5) - Math.Abs(t.KernelSize - 13) / 8.0
            - Math.Abs(Math.Log2(t.Filters) - 6) / 2.0 - Math.Abs(t.ConvBlocks - 2) / 2.0;
        double Best(SweepProposer proposer, int seed) => new SweepRunner(Ml, new ScriptedTarget((trial, _, _) => Score(trial)), new CnnSweepOptions
        {
            Trials = 30,
            Seed = seed,
            Metric = "rSquared",
            Refit = false,
            WarmStart = false,
            SuccessiveHalving = false,
            MaxEpochs = 1,
            Proposer = proposer,
            SearchSpace = new CnnSearchSpace { BatchSizes = [8], ReverseComplement = [false], EncodingOrders = [1] },
        }).Run(Data).Best.Mean;

        var seeds = Enumerable.Range(1, 8).ToList();
        double tpe = seeds.Average(s => Best(SweepProposer.Tpe, s)), random = seeds.Average(s => Best(SweepProposer.Random, s));
        Assert.True(tpe > random, $"TPE's mean best {tpe:F3} is not above random search's {random:F3}");
    }

    [Fact]
    public void Slices_of_a_fixed_candidate_sweep_merge_into_the_ranking_of_the_whole_list()
    {
        var target = new ScriptedTarget((trial, _, _) => trial.Filters / 10.0);
        CnnSweepOptions Fixed((int, int)? slice, string? path) => new()
        {
            FixedCandidates = 6,
            Slice = slice,
            LeaderboardPath = path,
            Seed = 3,
            Metric = "rSquared",
            Refit = false,
            WarmStart = false,
            MaxEpochs = 2,
            SearchSpace = Options(6).SearchSpace,
        };
        var whole = new SweepRunner(Ml, target, Fixed(null, null)).Run(Data);
        string dir = Path.Combine(Path.GetTempPath(), $"slices-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string a = Path.Combine(dir, "a.csv"), b = Path.Combine(dir, "b.csv");
            var first = new SweepRunner(Ml, target, Fixed((1, 2), a)).Run(Data);
            var second = new SweepRunner(Ml, target, Fixed((2, 2), b)).Run(Data);
            Assert.Equal([1, 3, 5], first.Leaderboard.Trials.Select(t => t.Id).Order());
            Assert.Equal([2, 4, 6], second.Leaderboard.Trials.Select(t => t.Id).Order());
            Assert.Equal(SweepStopReason.CandidatesDone, first.StopReason);

            var merged = SweepLeaderboard.Merge([a, b]);
            Assert.Equal(whole.Leaderboard.Trials.Select(t => (t.Id, t.Options.ToString(), t.Mean)), merged.Trials.Select(t => (t.Id, t.Options.ToString(), t.Mean)));
            Assert.Equal(6, merged.Best!.Options.Filters);
            var twice = Assert.Throws<InvalidDataException>(() => SweepLeaderboard.Merge([a, a]));
            Assert.Matches("Trial [135] is in both", twice.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void An_undefined_metric_is_reported_not_ranked_and_does_not_count_towards_promotion()
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
        Assert.Equal([6, 5, 4], board.Trials.Where(t => t.IsRanked).Select(t => t.Options.Filters));
        Assert.Equal((6, 1), (board.Best!.Options.Filters, board.Best.Rung));
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
    private sealed class ScriptedTarget(Func<CnnTrialOptions, int, CancellationToken, double> score, Action? refit = null,
        string[]? presets = null, bool strands = false) : ISweepTarget
    {
        public List<(int Filters, int Epochs)> Calls { get; } = [];

        public CnnTaskKind Task => CnnTaskKind.Regression;

        public CnnSearchSpace DefaultSpace => new() { ReverseComplement = [false], EncodingOrders = [1] };

        public IReadOnlyList<string> Presets => presets ?? [];

        public bool HasStrands => strands;

        public (double LearningRate, int BatchSize) BaseTraining => (1e-3, 8);

        public void CheckFits(CnnTrialOptions trial)
        {
            if (trial.Preset == "Basset") throw new ArgumentException("Basset needs 168 bases");
        }

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
