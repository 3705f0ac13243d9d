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
public static class CnnTrainersCatalog
{
    /// <summary>A CNN binary classifier.</summary>
    public static CnnBinaryTrainer Cnn(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, CnnBinaryTrainer.Options? options = null) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    /// <summary>A CNN multiclass classifier.</summary>
    public static CnnMulticlassTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, CnnMulticlassTrainer.Options? options = null) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    /// <summary>A CNN regressor.</summary>
    public static CnnRegressionTrainer Cnn(this RegressionCatalog.RegressionTrainers catalog, CnnRegressionTrainer.Options? options = null) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());

    /// <summary>A CNN with several binary and/or regression targets from one vector label.</summary>
    public static CnnMultiTaskTrainer CnnMultiTask(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, CnnMultiTaskTrainer.Options? options = null) =>
        new(HostEnvironmentAccess.FromCatalog(catalog), options ?? new());
}
