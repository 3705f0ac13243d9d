using System.Reflection;

namespace Cnn.MLNet.Trainers.Tests.Training;

public class CnnTrainingOptionsTests
{
    private sealed class Sink : IProgress<EpochReport>
    {
        public void Report(EpochReport value) { }
    }

    // A value other than the property's default, valid for validation.
    private static object Different(PropertyInfo property, object? current) => property.PropertyType switch
    {
        var t when t == typeof(int) => (int)current! + 7,
        var t when t == typeof(int?) => 3,
        var t when t == typeof(double) => property.Name switch { "Momentum" => 0.5, "StepGamma" => 0.25, "PlateauFactor" => 0.75, _ => (double)current! + 0.01 },
        var t when t == typeof(double?) => 1.5,
        var t when t == typeof(bool) => !(bool)current!,
        var t when t == typeof(OptimizerKind) => OptimizerKind.Sgd,
        var t when t == typeof(LearningRateSchedule) => LearningRateSchedule.Cosine,
        var t when t == typeof(NetworkSpec) => NetworkPresets.Zou2019(),
        var t when t == typeof(IProgress<EpochReport>) => new Sink(),
        var t => throw new InvalidOperationException($"Add a test value for {property.Name} ({t}).")
    };

    private static PropertyInfo[] Settings() => typeof(CnnTrainingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    [Fact]
    public void ApplyTo_copies_every_setting_onto_a_trainers_options_and_leaves_the_rest()
    {
        var source = new CnnTrainingOptions();
        foreach (var property in Settings()) property.SetValue(source, Different(property, property.GetValue(source)));
        var target = new CnnBinaryTrainer.Options { FeatureColumnName = "Encoded", LabelColumnName = "Bound", ScoringBatchSize = 7, PositiveWeight = 2f };

        Assert.Same(target, source.ApplyTo(target));
        Assert.All(Settings(), p => Assert.Equal(p.GetValue(source), p.GetValue(target)));
        Assert.All(Settings(), p => Assert.NotEqual(p.GetValue(new CnnTrainingOptions()), p.GetValue(target)));
        Assert.Equal(("Encoded", "Bound", 7, 2f), (target.FeatureColumnName, target.LabelColumnName, target.ScoringBatchSize, target.PositiveWeight));
        target.Validate();

        var clone = source.Clone();
        Assert.NotSame(source, clone);
        Assert.All(Settings(), p => Assert.Equal(p.GetValue(source), p.GetValue(clone)));
    }

    [Fact]
    public void The_trainer_options_are_training_options_with_the_same_defaults()
    {
        var training = new CnnTrainingOptions();
        foreach (CnnTrainerOptions options in new CnnTrainerOptions[]
            { new CnnBinaryTrainer.Options(), new CnnMulticlassTrainer.Options(), new CnnRegressionTrainer.Options(), new CnnMultiTaskTrainer.Options() })
            Assert.All(Settings(), p => Assert.Equal(p.GetValue(training), p.GetValue(options)));
        Assert.Equal((20, 32, 1e-3, (int?)5), (training.Epochs, training.BatchSize, training.LearningRate, training.EarlyStoppingPatience));
        Assert.Equal((CnnTrainingOptions.DefaultEpochs, CnnTrainingOptions.DefaultBatchSize, CnnTrainingOptions.DefaultLearningRate, (int?)CnnTrainingOptions.DefaultEarlyStoppingPatience),
            (training.Epochs, training.BatchSize, training.LearningRate, training.EarlyStoppingPatience));
    }

    [Fact]
    public void Validation_names_a_bad_training_setting()
    {
        Assert.Contains("Epochs", Assert.Throws<ArgumentException>(() => new CnnTrainingOptions { Epochs = 0 }.Validate()).Message);
        Assert.Contains("EarlyStoppingPatience", Assert.Throws<ArgumentException>(() => new CnnRegressionTrainer.Options { EarlyStoppingPatience = 0 }.Validate()).Message);
        Assert.Contains("FeatureColumnName", Assert.Throws<ArgumentException>(() => new CnnRegressionTrainer.Options { FeatureColumnName = " " }.Validate()).Message);
    }
}
