using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet;

/// <summary>Catalog entry point for feature maps: <c>ml.Transforms.ExtractFeatureMaps(…)</c>.</summary>
public static class FeatureMapsCatalog
{
    /// <summary>
    /// Extracts the activations of a named layer of a fitted CNN as a <c>vector&lt;float&gt;</c>
    /// column, for transfer learning with classical learners: e.g. one-hot encoding →
    /// <c>ExtractFeatureMaps(cnn, "pool1")</c> → <c>ml.BinaryClassification.Trainers.FastTree</c>.
    /// Output size: <see cref="FeatureMapPooling.None"/> — channels × positions (channel-major);
    /// <see cref="FeatureMapPooling.Max"/> / <see cref="FeatureMapPooling.Mean"/> — one value per
    /// channel; <see cref="FeatureMapPooling.MaxAndMean"/> — all maxima then all means. Flat layers
    /// (global pools, <c>dense1</c>…, <c>output</c>) have no positions: their features are output
    /// as they are and <paramref name="pooling"/> does not apply. For image models a layer's map
    /// is channels × height × width and pooling is over all height × width positions. Computed in
    /// batches of the model's scoring batch size.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">The fitted CNN (from a Cnn trainer's <c>Fit</c>, or the last transformer of a fitted chain).</param>
    /// <param name="layer">A layer name from <c>model.Model.Network.ValidLayerNames()</c>: <c>conv1</c> (raw convolution), <c>act1</c>, <c>pool1</c>, <c>res2</c>, <c>dense1</c>, …</param>
    /// <param name="pooling">Pooling over positions per channel.</param>
    /// <param name="outputColumnName">The appended column.</param>
    /// <param name="inputColumnName">The encoded-sequence column; default: the model's feature column.</param>
    /// <exception cref="ArgumentException">The layer is unknown (the message lists the valid names).</exception>
    public static FeatureMapEstimator ExtractFeatureMaps(this TransformsCatalog catalog, CnnPredictionTransformer model, string layer,
        FeatureMapPooling pooling = FeatureMapPooling.Max, string outputColumnName = "FeatureMaps", string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return new FeatureMapEstimator(new FeatureMapTransformer(model.Model, layer, pooling, outputColumnName, inputColumnName ?? model.FeatureColumnName, model.ScoringBatchSize));
    }
}
