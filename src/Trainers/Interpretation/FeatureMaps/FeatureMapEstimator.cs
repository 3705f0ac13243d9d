using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The estimator of <see cref="FeatureMapTransformer"/>: trivial, since the network is already
/// trained. <see cref="Fit"/> reads no data (it only checks the input schema), so the extractor
/// chains with <c>Append</c> like any other transform. Created by <c>ml.Transforms.ExtractFeatureMaps</c>.
/// </summary>
public sealed class FeatureMapEstimator : IEstimator<FeatureMapTransformer>
{
    private readonly FeatureMapTransformer _transformer;

    internal FeatureMapEstimator(FeatureMapTransformer transformer) => _transformer = transformer;

    /// <summary>Returns the transformer after checking that <paramref name="input"/> has the column the network reads, encoded as the network expects.</summary>
    /// <exception cref="ArgumentException">The input column is missing, or its type or encoding differs from the model's.</exception>
    public FeatureMapTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <summary>The input shape plus the feature-map column (known-size vector of Single).</summary>
    /// <exception cref="ArgumentException">The input column is missing or is not a known-size vector of Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        _transformer.Binding.OutputShape(inputSchema, RowFunctionBinding.SingleVector(_transformer.OutputColumnName));
}
