using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>Any Cnn trainer, whatever its task: an ML.NET estimator that can also train with validation data.</summary>
public interface ICnnTrainer : IEstimator<CnnPredictionTransformer>
{
    /// <summary>
    /// Trains on <paramref name="trainData"/>, evaluating on <paramref name="validationData"/> (when
    /// given) after each epoch for early stopping and best-epoch weights.
    /// </summary>
    CnnPredictionTransformer Fit(IDataView trainData, IDataView? validationData);
}
