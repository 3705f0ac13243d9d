using System.Text.Json;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Tests.Sweeps;

/// <summary>The sweep's parts that need little or no training: schedule, draws, options, metric names, the leaderboard's CSV.</summary>
[Collection(TorchCollection.Name)]
public sealed class SweepPartsTests
{
    [Theory]
    [InlineData(2, 18, 3, true, new[] { 2, 6, 18 })]
    [InlineData(2, 20, 3, true, new[] { 2, 6, 20 })]
    [InlineData(1, 9, 2, true, new[] { 1, 2, 4, 9 })]
    [InlineData(1, 8, 2, true, new[] { 1, 2, 4, 8 })]
    [InlineData(2, 4, 3, true, new[] { 2, 4 })]
    [InlineData(5, 5, 3, true, new[] { 5 })]
    [InlineData(2, 18, 3, false, new[] { 18 })]
    public void Halving_rungs_grow_by_the_reduction_factor_up_to_the_maximum(int min, int max, int eta, bool halving, int[] expected)
    {
        var schedule = new HalvingSchedule(new CnnSweepOptions { MinEpochs = min, MaxEpochs = max, ReductionFactor = eta, SuccessiveHalving = halving });
        Assert.Equal(expected, schedule.Epochs);
    }

    [Theory]
    [InlineData(3, 12, 4)]
    [InlineData(3, 5, 1)]
    [InlineData(3, 2, 1)]
    [InlineData(2, 9, 4)]
    [InlineData(4, 1, 1)]
    public void Halving_keeps_the_best_n_over_eta_and_at_least_one(int eta, int evaluated, int kept) =>
        Assert.Equal(kept, new HalvingSchedule(new CnnSweepOptions { ReductionFactor = eta }).Survivors(evaluated));

    [Theory]
    [InlineData(new[] { 1.0, 0.9, 0.6, 0.5, 0.45 }, 3)]   // half of the drop 1.0 → 0.45 is reached at 0.6 (epoch 3)
    [InlineData(new[] { 0.7, 0.3, 0.29, 0.28 }, 2)]
    [InlineData(new[] { 0.5, 0.6, 0.7 }, 1)]             // never better than the first epoch
    [InlineData(new[] { 0.5 }, 1)]
    public void The_half_drop_epoch_is_where_the_validation_loss_covered_half_its_fall(double[] losses, int expected) =>
        Assert.Equal(expected, FirstRungBudget.HalfDropEpoch(losses));

    [Theory]
    [InlineData(10_000, 32, 3, 20, 3, 3)]   // 313 steps an epoch: the learning curve decides (epoch 3)
    [InlineData(1_600, 32, 1, 20, 3, 4)]    // 50 steps an epoch: 200 steps need 4 epochs
    [InlineData(100, 32, 1, 20, 3, 6)]      // 4 steps an epoch would need 50 epochs: capped at 20/3
    public void The_first_rung_gives_enough_steps_and_waits_for_the_default_to_learn(long rows, int batch, int halfDropEpoch, int max, int eta, int expected)
    {
        var losses = Enumerable.Range(1, 10).Select(e => e < halfDropEpoch ? 1.0 : 0.2).ToList();
        Assert.Equal(expected, FirstRungBudget.Choose(rows, batch, losses, max, eta));
    }

    [Fact]
    public void Draws_are_repeatable_distinct_inside_the_space_and_skip_networks_that_do_not_fit()
    {
        var space = new CnnSearchSpace();
        var first = TrialDraws.Draw(space, 20, seed: 5, _ => { });
        var again = TrialDraws.Draw(space, 20, seed: 5, _ => { });
        Assert.Equal(first.Select(t => JsonSerializer.Serialize(t)), again.Select(t => JsonSerializer.Serialize(t)));
        Assert.Equal(20, first.Select(t => JsonSerializer.Serialize(t)).Distinct().Count());
        Assert.All(first, t =>
        {
            Assert.Contains(t.Filters, space.Filters);
            Assert.Contains(t.KernelSize, space.KernelSizes);
            Assert.Contains(t.ConvBlocks, space.ConvBlocks);
            Assert.Contains(t.DenseUnits, space.DenseUnits);
            Assert.InRange(t.LearningRate, space.MinLearningRate, space.MaxLearningRate);
        });

        // 50-bp sequences: deep networks with wide kernels and pools of 4 run out of positions; they are skipped.
        void Fits(CnnTrialOptions t) => NetworkShapes.Infer(t.ToNetwork(), 4, 50, 1);
        bool FitsNow(CnnTrialOptions t)
        {
            try { Fits(t); return true; }
            catch (ArgumentException) { return false; }
        }
        Assert.Contains(first, t => !FitsNow(t));
        var fitting = TrialDraws.Draw(space, 30, seed: 5, Fits);
        Assert.Equal(30, fitting.Count);
        Assert.All(fitting, t => Assert.True(FitsNow(t), t.ToString()));

        // A space that holds only two configurations gives two, not an error.
        var tiny = new CnnSearchSpace { Filters = [8], KernelSizes = [5], ConvBlocks = [1], Pools = [Pooling.Max], PoolSizes = [2], BatchNorm = [false, true], Dropouts = [0], DenseUnits = [0], BatchSizes = [32], MinLearningRate = 1e-3, MaxLearningRate = 1e-3, ReverseComplement = [false], EncodingOrders = [1] };
        Assert.Equal(2, TrialDraws.Draw(tiny, 10, seed: 1, Fits).Count);

        var e = Assert.Throws<ArgumentException>(() => TrialDraws.Draw(new CnnSearchSpace { KernelSizes = [60] }, 5, 1, Fits));
        Assert.Contains("No network in the search space fits the input", e.Message);
        Assert.Contains("kernelSize=60", e.Message);
    }

    [Fact]
    public void No_network_that_fits_the_sequences_is_refused_before_any_training()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(MotifData.Generate(50, 1));
        var e = Assert.Throws<ArgumentException>(() => CnnSweep.Sequences(ml, data, new SequenceTrainingSettings(),
            new CnnSweepOptions { Trials = 3, WarmStart = false, SearchSpace = new CnnSearchSpace { KernelSizes = [51] } }));
        Assert.Contains("No network fits the input", e.Message);
        Assert.Contains("kernelSize=51", e.Message);
    }

    [Theory]
    [InlineData("Trials", "Trials must be at least 1")]
    [InlineData("ReductionFactor", "ReductionFactor must be at least 2")]
    [InlineData("MaxEpochs", "MaxEpochs (1) must be at least MinEpochs (2)")]
    [InlineData("Budget", "A sweep needs a budget: set TimeLimit, Trials (a trial cap) or both")]
    [InlineData("Slice", "Slice needs FixedCandidates")]
    [InlineData("SliceRange", "Slice must be i of n with 1 ≤ i ≤ n (was 3 of 2)")]
    [InlineData("Ensemble", "EnsembleSize must be at least 1")]
    [InlineData("ValidationFraction", "ValidationFraction must be above 0 and below 1")]
    [InlineData("TimeLimit", "TimeLimit must be positive")]
    [InlineData("Filters", "The search space's Filters needs at least one value")]
    [InlineData("Dropouts", "The search space's Dropouts contains 1; every value must be in [0, 1)")]
    [InlineData("LearningRate", "learning rates must satisfy 0 < MinLearningRate")]
    [InlineData("Metric", "Unknown metric 'auc' for a regression sweep: use one of rSquared, rmse, mae")]
    public void Bad_options_are_refused_with_a_message_that_names_them(string what, string message)
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(MotifData.Generate(50, 1));
        var options = new CnnSweepOptions { Trials = 2 };
        var space = new CnnSearchSpace();
        var settings = new SequenceTrainingSettings();
        switch (what)
        {
            case "Trials": options.Trials = 0; break;
            case "ReductionFactor": options.ReductionFactor = 1; break;
            case "MaxEpochs": (options.MinEpochs, options.MaxEpochs) = (2, 1); break;
            case "Budget": options.Trials = null; break;
            case "Slice": options.Slice = (1, 2); break;
            case "SliceRange": (options.FixedCandidates, options.Slice) = (4, (3, 2)); break;
            case "Ensemble": options.EnsembleSize = 0; break;
            case "ValidationFraction": options.ValidationFraction = 1; break;
            case "TimeLimit": options.TimeLimit = TimeSpan.Zero; break;
            case "Filters": space.Filters = []; break;
            case "Dropouts": space.Dropouts = [0, 1]; break;
            case "LearningRate": space.MinLearningRate = 0; break;
            case "Metric": options.Metric = "auc"; settings.Task = CnnTaskKind.Regression; break;
        }
        options.SearchSpace = space;
        var e = Assert.ThrowsAny<Exception>(() => CnnSweep.Sequences(ml, data, settings, options));
        Assert.True(e is ArgumentException, e.ToString());
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData(CnnTaskKind.BinaryClassification, null, "auc", true)]
    [InlineData(CnnTaskKind.BinaryClassification, "LOGLOSS", "logLoss", false)]
    [InlineData(CnnTaskKind.MulticlassClassification, null, "microAccuracy", true)]
    [InlineData(CnnTaskKind.Regression, null, "rSquared", true)]
    [InlineData(CnnTaskKind.Regression, "mae", "mae", false)]
    public void Metrics_default_by_task_and_know_their_direction(CnnTaskKind task, string? name, string expected, bool higher)
    {
        var metric = SweepMetric.For(task, name);
        Assert.Equal(new SweepMetric(expected, higher), metric);
        Assert.Equal(higher, metric.Better(2, 1));
    }

    [Fact]
    public void Trial_options_build_the_described_network_and_fill_trainer_options()
    {
        var trial = new CnnTrialOptions { Filters = 24, KernelSize = 9, ConvBlocks = 2, DeeperKernelSize = 3, Pool = Pooling.Average, PoolSize = 2, BatchNorm = true, Dropout = 0.25, DenseUnits = 0, LearningRate = 0.003, BatchSize = 64, Epochs = 7 };
        var network = trial.ToNetwork();
        var blocks = network.Trunk.Cast<ConvBlockSpec>().ToList();
        Assert.Equal([9, 3], blocks.Select(b => b.KernelSize));
        Assert.All(blocks, b => Assert.Equal((24, Pooling.Average, 2, true, 0.25), (b.Filters, b.Pool, b.PoolSize, b.BatchNorm, b.Dropout)));
        Assert.Empty(network.Head);
        Assert.Equal(16, Assert.Single(new CnnTrialOptions { DenseUnits = 16 }.ToNetwork().Head).Units);

        var options = trial.ApplyTo(new CnnBinaryTrainer.Options());
        Assert.Equal((0.003, 64, 7), (options.LearningRate, options.BatchSize, options.Epochs));
        Assert.True(options.Network!.SameAs(network));
        Assert.Equal("network=searched filters=24 kernelSize=9 convBlocks=2 deeperKernelSize=3 pool=average2 batchNorm=yes dropout=0.25 denseUnits=0 reverseComplement=no order=1 learningRate=0.003 batchSize=64", trial.ToString());
        Assert.Equal("network=DeepBind reverseComplement=yes order=1 learningRate=0.001 batchSize=32", new CnnTrialOptions { Preset = "DeepBind", ReverseComplement = true }.ToString());
        Assert.Equal("DeepBind", new CnnTrialOptions { Preset = "deepbind" }.ToNetwork().Name);
    }

    [Fact]
    public void Trial_options_read_from_AutoML_style_parameter_JSON_by_property_name()
    {
        // AutoML's Parameter.AsType<T>() deserialises the sampled values by property name; pooling arrives as its name.
        var trial = JsonSerializer.Deserialize<CnnTrialOptions>("""{"Filters":64,"KernelSize":15,"Pool":"Average","LearningRate":0.0005,"DenseUnits":0}""")!;
        Assert.Equal((64, 15, Pooling.Average, 0.0005, 0), (trial.Filters, trial.KernelSize, trial.Pool, trial.LearningRate, trial.DenseUnits));
        Assert.Equal(new CnnTrialOptions().BatchSize, trial.BatchSize);
        Assert.Contains("\"Pool\":\"Max\"", JsonSerializer.Serialize(new CnnTrialOptions()));
    }

    [Fact]
    public void The_leaderboard_CSV_quotes_fields_that_hold_commas_and_keeps_exact_learning_rates()
    {
        var metric = SweepMetric.For(CnnTaskKind.BinaryClassification, null);
        var good = new SweepTrial(1, new CnnTrialOptions { LearningRate = 0.0012345678 });
        good.Completed(0, 2, [0.75, 0.25], [2, 1], TimeSpan.FromSeconds(1.5));
        var bad = new SweepTrial(2, new CnnTrialOptions());
        bad.Failed(0, 2, SweepTrialStatus.Diverged, "the loss became NaN, \"badly\"", TimeSpan.FromSeconds(0.25));
        var csv = new SweepLeaderboard(metric, [bad, good]).ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, csv.Length);
        Assert.StartsWith("rank,trial,source,status,rung,epochs,bestEpochs,network,filters,kernelSize,", csv[0]);
        Assert.StartsWith("1,1,Random,Completed,1,2,2;1,searched,", csv[1]);
        Assert.Contains(",0.0012345678,", csv[1]);
        Assert.Contains($",auc,0.5,{Math.Sqrt(0.125).ToString("R", System.Globalization.CultureInfo.InvariantCulture)},0.75;0.25,0.5,1.50,", csv[1]);
        Assert.StartsWith(",2,Random,Diverged,", csv[2]);
        Assert.EndsWith(",0.25,\"rung 1 (2 epochs): the loss became NaN, \"\"badly\"\"\"", csv[2]);

        // Read back (as a merge of one file does): every trial, its options, results and error.
        string path = Path.Combine(Path.GetTempPath(), $"board-{Guid.NewGuid():N}.csv");
        try
        {
            var preset = new SweepTrial(3, new CnnTrialOptions { Preset = "DeepBind", ReverseComplement = true }, SweepTrialSource.Preset);
            preset.Completed(2, 20, [0.5, 0.5], [7, 9], TimeSpan.FromSeconds(3));
            new SweepLeaderboard(metric, [bad, good, preset]).WriteCsv(path);
            var read = SweepLeaderboard.Merge([path]);
            Assert.Equal(new SweepLeaderboard(metric, [bad, good, preset]).ToCsv(), read.ToCsv());
        }
        finally { File.Delete(path); }
    }
}
