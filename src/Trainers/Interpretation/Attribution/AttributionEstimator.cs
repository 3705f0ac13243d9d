using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The estimator of <see cref="AttributionTransformer"/>: trivial, since the network is already
/// trained. <see cref="Fit"/> reads no data (it only checks the input schema), so it chains with
/// <c>Append</c> like any other transform. Created by <c>ml.Transforms.ComputeAttributions</c>.
/// </summary>
public sealed class AttributionEstimator : IEstimator<AttributionTransformer>
{
    private readonly AttributionTransformer _transformer;

    internal AttributionEstimator(AttributionTransformer transformer) => _transformer = transformer;

    /// <summary>Returns the transformer after checking that <paramref name="input"/> has the column the network reads, encoded as the network expects.</summary>
    /// <exception cref="ArgumentException">The input column is missing, or its type or encoding differs from the model's.</exception>
    public AttributionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <summary>The input shape plus the attribution column (known-size vector of Single).</summary>
    /// <exception cref="ArgumentException">The input column is missing or is not a known-size vector of Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        _transformer.Binding.OutputShape(inputSchema, RowFunctionBinding.SingleVector(_transformer.OutputColumnName));
}
