using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;

namespace Cnn.MLNet;

/// <summary>
/// Catalog entry points for the Cnn trainers: <c>ml.BinaryClassification.Trainers.Cnn(…)</c>,
/// <c>ml.MulticlassClassification.Trainers.Cnn(…)</c>, <c>ml.Regression.Trainers.Cnn(…)</c> and
/// <c>ml.BinaryClassification.Trainers.CnnMultiTask(…)</c>. Each trainer runs under the
/// MLContext it came from: its seed, log and device settings.
/// </summary>
/// <remarks>
/// As in ML.NET's own catalogs, every trainer has two overloads: one with the column names and the
/// common settings as parameters (defaults equal to the options' defaults), and one taking the full
/// options object for everything else (optimiser, schedule, augmentation, fine-tuning, checkpoints…).
/// </remarks>
public static class CnnTrainersCatalog
{
    /// <summary>A CNN binary classifier, with the column names and the common training settings.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">The label column: Boolean. Default "Label".</param>
    /// <param name="featureColumnName">The input column: a known-size vector of Single (e.g. from <c>OneHotEncodeSequence</c>). Default "Features".</param>
    /// <param name="network">The architecture; null (default) chooses <see cref="NetworkPresets.DefaultFor"/> the input.</param>
    /// <param name="epochs">Passes over the training data. Default 20.</param>
    /// <param name="batchSize">Rows per training step. Default 32.</param>
    /// <param name="learningRate">Adam's learning rate. Default 0.001.</param>
    /// <returns>The trainer; the rest of <see cref="CnnBinaryTrainer.Options"/> keeps its defaults (the seed comes from the MLContext).</returns>
    public static CnnBinaryTrainer Cnn(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", NetworkSpec? network = null,
        int epochs = CnnTrainingOptions.DefaultEpochs, int batchSize = CnnTrainingOptions.DefaultBatchSize, double learningRate = CnnTrainingOptions.DefaultLearningRate) =>
        Cnn(catalog, Common(new CnnBinaryTrainer.Options(), labelColumnName, featureColumnName, network, epochs, batchSize, learningRate));

    /// <summary>A CNN binary classifier with every option.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">The options (copied). For the defaults call the overload without options, or pass <c>(Options?)null</c>.</param>
    /// <returns>The trainer.</returns>
    public static CnnBinaryTrainer Cnn(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, CnnBinaryTrainer.Options? options) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    /// <summary>A CNN multiclass classifier, with the column names and the common training settings.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">The label column: a key type (use <c>MapValueToKey</c>). Default "Label".</param>
    /// <param name="featureColumnName">The input column: a known-size vector of Single (one-hot sequences, or <c>ExtractPixels</c> images). Default "Features".</param>
    /// <param name="network">The architecture; null (default) chooses <see cref="NetworkPresets.DefaultFor"/> the input.</param>
    /// <param name="epochs">Passes over the training data. Default 20.</param>
    /// <param name="batchSize">Rows per training step. Default 32.</param>
    /// <param name="learningRate">Adam's learning rate. Default 0.001.</param>
    /// <returns>The trainer; the rest of <see cref="CnnMulticlassTrainer.Options"/> keeps its defaults (the seed comes from the MLContext).</returns>
    public static CnnMulticlassTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", NetworkSpec? network = null,
        int epochs = CnnTrainingOptions.DefaultEpochs, int batchSize = CnnTrainingOptions.DefaultBatchSize, double learningRate = CnnTrainingOptions.DefaultLearningRate) =>
        Cnn(catalog, Common(new CnnMulticlassTrainer.Options(), labelColumnName, featureColumnName, network, epochs, batchSize, learningRate));

    /// <summary>A CNN multiclass classifier with every option.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">The options (copied). For the defaults call the overload without options, or pass <c>(Options?)null</c>.</param>
    /// <returns>The trainer.</returns>
    public static CnnMulticlassTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, CnnMulticlassTrainer.Options? options) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    /// <summary>A CNN regressor, with the column names and the common training settings.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">The label column: Single. Default "Label".</param>
    /// <param name="featureColumnName">The input column: a known-size vector of Single. Default "Features".</param>
    /// <param name="network">The architecture; null (default) chooses <see cref="NetworkPresets.DefaultFor"/> the input.</param>
    /// <param name="epochs">Passes over the training data. Default 20.</param>
    /// <param name="batchSize">Rows per training step. Default 32.</param>
    /// <param name="learningRate">Adam's learning rate. Default 0.001.</param>
    /// <returns>The trainer; the rest of <see cref="CnnRegressionTrainer.Options"/> keeps its defaults (the seed comes from the MLContext).</returns>
    public static CnnRegressionTrainer Cnn(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", NetworkSpec? network = null,
        int epochs = CnnTrainingOptions.DefaultEpochs, int batchSize = CnnTrainingOptions.DefaultBatchSize, double learningRate = CnnTrainingOptions.DefaultLearningRate) =>
        Cnn(catalog, Common(new CnnRegressionTrainer.Options(), labelColumnName, featureColumnName, network, epochs, batchSize, learningRate));

    /// <summary>A CNN regressor with every option.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">The options (copied). For the defaults call the overload without options, or pass <c>(Options?)null</c>.</param>
    /// <returns>The trainer.</returns>
    public static CnnRegressionTrainer Cnn(this RegressionCatalog.RegressionTrainers catalog, CnnRegressionTrainer.Options? options) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    /// <summary>
    /// A CNN with several binary and/or regression targets from one vector label, with the column
    /// names, the targets and the common training settings.
    /// </summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">The label column: a known-size vector of Single, NaN marking a missing target. Default "Label".</param>
    /// <param name="featureColumnName">The input column: a known-size vector of Single. Default "Features".</param>
    /// <param name="targets">The kind of each target, in label order (copied). Default null: every target binary.</param>
    /// <param name="network">The architecture; null (default) chooses <see cref="NetworkPresets.DefaultFor"/> the input.</param>
    /// <param name="epochs">Passes over the training data. Default 20.</param>
    /// <param name="batchSize">Rows per training step. Default 32.</param>
    /// <param name="learningRate">Adam's learning rate. Default 0.001.</param>
    /// <returns>The trainer; the rest of <see cref="CnnMultiTaskTrainer.Options"/> keeps its defaults (the seed comes from the MLContext).</returns>
    public static CnnMultiTaskTrainer CnnMultiTask(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", TargetKind[]? targets = null, NetworkSpec? network = null,
        int epochs = CnnTrainingOptions.DefaultEpochs, int batchSize = CnnTrainingOptions.DefaultBatchSize, double learningRate = CnnTrainingOptions.DefaultLearningRate)
    {
        var options = Common(new CnnMultiTaskTrainer.Options(), labelColumnName, featureColumnName, network, epochs, batchSize, learningRate);
        options.Targets = targets?.ToArray();
        return CnnMultiTask(catalog, options);
    }

    /// <summary>A CNN with several binary and/or regression targets from one vector label, with every option.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">The options (copied). For the defaults call the overload without options, or pass <c>(Options?)null</c>.</param>
    /// <returns>The trainer.</returns>
    public static CnnMultiTaskTrainer CnnMultiTask(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, CnnMultiTaskTrainer.Options? options) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    private static T Common<T>(T options, string labelColumnName, string featureColumnName, NetworkSpec? network, int epochs, int batchSize, double learningRate)
        where T : CnnTrainerOptions
    {
        options.LabelColumnName = labelColumnName;
        options.FeatureColumnName = featureColumnName;
        options.Network = network;
        options.Epochs = epochs;
        options.BatchSize = batchSize;
        options.LearningRate = learningRate;
        return options;
    }

    /// <summary>
    /// A BPNet-style profile model: per coverage track, a base-resolution profile and a total count
    /// (<see cref="CnnProfileTrainer"/>). Without a network in the options it trains
    /// <see cref="NetworkPresets.BPNet"/>.
    /// </summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">The options (copied); null for the defaults.</param>
    /// <returns>The trainer.</returns>
    public static CnnProfileTrainer CnnProfile(this RegressionCatalog.RegressionTrainers catalog, CnnProfileTrainer.Options? options) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    /// <summary>A Basenji-style binned coverage model with Poisson or squared-error loss (<see cref="CnnBinnedTracksTrainer"/>).</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">The options (copied); null for the defaults.</param>
    /// <returns>The trainer.</returns>
    public static CnnBinnedTracksTrainer CnnBinnedTracks(this RegressionCatalog.RegressionTrainers catalog, CnnBinnedTracksTrainer.Options? options) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());
}
