using System.Reflection;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines.Tests;

/// <summary>Each owner of training settings holds one <see cref="CnnTrainingOptions"/> and applies it to the trainer; defaults kept.</summary>
public sealed class TrainingSettingsTests
{
    private sealed class Sink : IProgress<EpochReport>
    {
        public void Report(EpochReport value) { }
    }

    private static readonly PropertyInfo[] Shared = typeof(CnnTrainingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    private static CnnTrainingOptions NonDefault() => new()
    {
        Network = NetworkPresets.Zou2019(),
        Epochs = 3,
        BatchSize = 8,
        LearningRate = 3e-3,
        Optimizer = OptimizerKind.AdamW,
        WeightDecay = 0.01,
        Schedule = LearningRateSchedule.Cosine,
        GradientClipNorm = 1.0,
        EarlyStoppingPatience = 2,
        Shuffle = false,
        IntraOpThreads = 1,
        Seed = 4,
        Progress = new Sink(),
    };

    private static void AllShared(CnnTrainingOptions expected, CnnTrainingOptions actual) =>
        Assert.All(Shared, p => Assert.Equal(p.GetValue(expected), p.GetValue(actual)));

    [Fact]
    public void The_sequence_settings_apply_their_training_options_and_add_strands_and_recovery()
    {
        var settings = new SequenceTrainingSettings
        {
            Training = NonDefault(),
            ReverseComplementAugment = true,
            MaxShift = 2,
            ReverseComplementAverage = true,
            Recovery = new TrainingRecovery { CheckpointDirectory = "checkpoints", Resume = true },
        };
        var options = SequenceModels.TrainerOptions(settings, new CnnRegressionTrainer.Options());

        AllShared(settings.Training, options);
        Assert.Equal((true, 2, true), (options.SequenceAugmentation!.ReverseComplement, options.SequenceAugmentation.MaxShift, options.ReverseComplementAverage));
        Assert.Equal(("checkpoints", true), (options.CheckpointDirectory, options.Resume));
        Assert.Null(SequenceModels.TrainerOptions(new SequenceTrainingSettings(), new CnnBinaryTrainer.Options()).Network); // the trainer picks DefaultFor the input
    }

    [Fact]
    public void The_image_settings_apply_their_training_options_with_LeNet5_for_a_null_network()
    {
        var settings = new ImageTrainingSettings { Training = NonDefault(), Augmentation = new ImageAugmentation { HorizontalFlip = true } };
        var options = ImageModels.TrainerOptions(settings);

        AllShared(settings.Training, options);
        Assert.Same(settings.Augmentation, options.Augmentation);
        Assert.Equal((ImageModels.FeaturesColumn, ImageFolders.LabelColumn), (options.FeatureColumnName, options.LabelColumnName));
        Assert.Equal("LeNet5", ImageModels.TrainerOptions(new ImageTrainingSettings()).Network!.Name);
    }

    [Fact]
    public void A_sweep_trial_starts_from_the_base_training_options_with_the_trials_network_and_the_sweeps_seed_and_patience()
    {
        var baseTraining = NonDefault();
        var before = baseTraining.Clone();
        var trial = new CnnTrialOptions { Filters = 8, LearningRate = 0.01, BatchSize = 64, Epochs = 7 };
        var progress = new Sink();
        var training = TrialTraining.For(baseTraining, trial, patience: 3, seed: 11, progress);

        Assert.Equal((7, 64, 0.01, (int?)3, (int?)11), (training.Epochs, training.BatchSize, training.LearningRate, training.EarlyStoppingPatience, training.Seed));
        Assert.Same(progress, training.Progress);
        Assert.True(training.Network!.SameAs(trial.ToNetwork()));
        Assert.Equal((OptimizerKind.AdamW, 0.01, LearningRateSchedule.Cosine, false, (int?)1), (training.Optimizer, training.WeightDecay, training.Schedule, training.Shuffle, training.IntraOpThreads));
        AllShared(before, baseTraining); // the base settings are not changed
    }

    [Fact]
    public void Defaults_are_kept_patience_5_in_the_training_settings_and_3_in_a_sweep()
    {
        var trainer = new CnnBinaryTrainer.Options();
        foreach (var training in new[] { new SequenceTrainingSettings().Training, new ImageTrainingSettings().Training })
        {
            Assert.Equal((20, 32, 1e-3, (int?)5, (int?)null), (training.Epochs, training.BatchSize, training.LearningRate, training.EarlyStoppingPatience, training.Seed));
            AllShared(trainer, training);
        }
        Assert.Null(new SequenceTrainingSettings().Training.Network);
        Assert.Equal("LeNet5", new ImageTrainingSettings().NetworkOrDefault().Name);

        var sweep = new CnnSweepOptions();
        Assert.Equal(((int?)3, 20), (sweep.EarlyStoppingPatience, sweep.MaxEpochs));
        var trial = new CnnTrialOptions();
        Assert.Equal((20, 32, 1e-3), (trial.Epochs, trial.BatchSize, trial.LearningRate));
        Assert.Equal((int?)3, TrialTraining.For(new SequenceTrainingSettings().Training, trial, sweep.EarlyStoppingPatience, sweep.Seed, null).EarlyStoppingPatience);
    }
}
