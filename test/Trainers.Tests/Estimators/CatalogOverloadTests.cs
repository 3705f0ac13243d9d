using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Estimators;

/// <summary>The ML.NET-style catalog overloads (column names and common settings) against the Options ones.</summary>
[Collection(TorchGlobalState.Name)]
public class CatalogOverloadTests
{
    private static readonly MethodInfo[] ParameterOverloads = typeof(CnnTrainersCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.GetParameters().Any(p => p.Name == "labelColumnName")).ToArray();

    public static TheoryData<Type> OptionTypes() =>
        [typeof(CnnBinaryTrainer.Options), typeof(CnnMulticlassTrainer.Options), typeof(CnnRegressionTrainer.Options), typeof(CnnMultiTaskTrainer.Options)];

    [Theory]
    [MemberData(nameof(OptionTypes))]
    public void Each_overloads_defaults_equal_its_options_defaults(Type optionsType)
    {
        var trainerType = optionsType.DeclaringType!;
        var overload = Assert.Single(ParameterOverloads, m => m.ReturnType == trainerType);
        var defaults = (CnnTrainerOptions)Activator.CreateInstance(optionsType)!;
        var parameters = overload.GetParameters().Skip(1).ToDictionary(p => p.Name!, p => p.DefaultValue);

        Assert.Equal(defaults.LabelColumnName, parameters["labelColumnName"]);
        Assert.Equal(defaults.FeatureColumnName, parameters["featureColumnName"]);
        Assert.Equal(defaults.Network, parameters["network"]);
        Assert.Equal(defaults.Epochs, parameters["epochs"]);
        Assert.Equal(defaults.BatchSize, parameters["batchSize"]);
        Assert.Equal(defaults.LearningRate, parameters["learningRate"]);
        if (defaults is CnnMultiTaskTrainer.Options multiTask) Assert.Equal(multiTask.Targets, parameters["targets"]);
        Assert.All(overload.GetParameters().Skip(1), p => Assert.True(p.HasDefaultValue, p.Name));
        Assert.Equal(optionsType == typeof(CnnMultiTaskTrainer.Options) ? 7 : 6, parameters.Count);
    }

    [Fact]
    public void A_call_without_arguments_binds_to_the_column_name_overload()
    {
        var ml = new MLContext(1);
        Assert.IsType<CnnBinaryTrainer>(ml.BinaryClassification.Trainers.Cnn());
        Assert.IsType<CnnMulticlassTrainer>(ml.MulticlassClassification.Trainers.Cnn());
        Assert.IsType<CnnRegressionTrainer>(ml.Regression.Trainers.Cnn());
        Assert.IsType<CnnMultiTaskTrainer>(ml.BinaryClassification.Trainers.CnnMultiTask());
        Assert.IsType<CnnBinaryTrainer>(ml.BinaryClassification.Trainers.Cnn((CnnBinaryTrainer.Options?)null));
    }

    // Columns under other names than the defaults, so the column-name parameters are exercised.
    private static IEstimator<ITransformer> Prepare(MLContext ml) =>
        ml.Transforms.CopyColumns("Bound", "Label")
            .Append(ml.Transforms.Conversion.MapValueToKey("Kind", "Class"))
            .Append(ml.Transforms.CopyColumns("Motifs", "Count"))
            .Append(ml.Transforms.CopyColumns("Both", "Targets"))
            .Append(ml.Transforms.OneHotEncodeSequence("Encoded", "Sequence", length: 50));

    private static float[][] Scores(IEstimator<ITransformer> trainer, MLContext ml)
    {
        var data = MotifData.Load(ml, 120, seed: 5);
        var scored = Prepare(ml).Append(trainer).Fit(data).Transform(data);
        var column = scored.Schema["Score"];
        return column.Type is VectorDataViewType
            ? scored.GetColumn<float[]>(column).ToArray()
            : scored.GetColumn<float>(column).Select(s => new[] { s }).ToArray();
    }

    private static void SameScores(Func<MLContext, IEstimator<ITransformer>> overload, Func<MLContext, IEstimator<ITransformer>> options)
    {
        // Two contexts with one seed: neither trainer has a seed of its own, so both draw it from the context.
        var viaOverload = Scores(overload(new MLContext(seed: 3)), new MLContext(seed: 3));
        var viaOptions = Scores(options(new MLContext(seed: 3)), new MLContext(seed: 3));
        Assert.Equal(viaOptions.Length, viaOverload.Length);
        for (int i = 0; i < viaOptions.Length; i++) Assert.Equal(viaOptions[i], viaOverload[i]); // exact: bit-identical floats
    }

    private static NetworkSpec Small() => NetworkPresets.Zou2019();

    [Fact]
    public void The_binary_overload_trains_the_same_model_as_its_options()
    {
        SameScores(ml => ml.BinaryClassification.Trainers.Cnn("Bound", "Encoded", Small(), epochs: 2, batchSize: 16, learningRate: 3e-3),
            ml => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
            { LabelColumnName = "Bound", FeatureColumnName = "Encoded", Network = Small(), Epochs = 2, BatchSize = 16, LearningRate = 3e-3 }));
    }

    [Fact]
    public void The_multiclass_overload_trains_the_same_model_as_its_options()
    {
        SameScores(ml => ml.MulticlassClassification.Trainers.Cnn("Kind", "Encoded", Small(), epochs: 2, batchSize: 16, learningRate: 3e-3),
            ml => ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options
            { LabelColumnName = "Kind", FeatureColumnName = "Encoded", Network = Small(), Epochs = 2, BatchSize = 16, LearningRate = 3e-3 }));
    }

    [Fact]
    public void The_regression_overload_trains_the_same_model_as_its_options()
    {
        SameScores(ml => ml.Regression.Trainers.Cnn("Motifs", "Encoded", Small(), epochs: 2, batchSize: 16, learningRate: 3e-3),
            ml => ml.Regression.Trainers.Cnn(new CnnRegressionTrainer.Options
            { LabelColumnName = "Motifs", FeatureColumnName = "Encoded", Network = Small(), Epochs = 2, BatchSize = 16, LearningRate = 3e-3 }));
    }

    [Fact]
    public void The_multi_task_overload_trains_the_same_model_as_its_options()
    {
        TargetKind[] targets = [TargetKind.Binary, TargetKind.Regression];
        SameScores(ml => ml.BinaryClassification.Trainers.CnnMultiTask("Both", "Encoded", targets, Small(), epochs: 2, batchSize: 16, learningRate: 3e-3),
            ml => ml.BinaryClassification.Trainers.CnnMultiTask(new CnnMultiTaskTrainer.Options
            { LabelColumnName = "Both", FeatureColumnName = "Encoded", Targets = targets, Network = Small(), Epochs = 2, BatchSize = 16, LearningRate = 3e-3 }));
    }
}
