using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Appends the activations of one layer of a fitted CNN as a <c>vector&lt;float&gt;</c> column:
/// the whole (channels × positions) map, or per-channel maximum and/or mean over positions, sized
/// for classical learners (transfer learning: feature maps → FastTree, LightGbm, …).
/// <see cref="Transform"/> computes in batches of the model's <see cref="CnnPredictionTransformer.ScoringBatchSize"/>
/// rows with pass-through columns preserved; <see cref="GetRowToRowMapper"/> serves one row at a
/// time for <c>PredictionEngine</c>. Created by <c>ml.Transforms.ExtractFeatureMaps</c>.
/// <c>ml.Model.SaveCnn</c> saves it within its chain, with its own copy of the network.
/// Not <see cref="IDisposable"/>, for the same reason as <see cref="CnnPredictionTransformer"/>.
/// </summary>
public sealed class FeatureMapTransformer : ITransformer, ISavableComponent
{
    private readonly FeatureMapFunction _function;
    private readonly RowFunctionBinding _binding;

    internal FeatureMapTransformer(CnnModel model, string layer, FeatureMapPooling pooling, string outputColumnName, string inputColumnName, int batchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(layer);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _function = new FeatureMapFunction(model, layer, pooling, outputColumnName);
        Model = model;
        OutputColumnName = outputColumnName;
        _binding = new RowFunctionBinding("Feature maps", _function, model, inputColumnName, batchSize);
    }

    /// <summary>The network the maps come from.</summary>
    public CnnModel Model { get; }

    /// <summary>The layer whose output is extracted (one of <see cref="CnnNetwork.ValidLayerNames"/>).</summary>
    public string Layer => _function.Layer;

    /// <summary>The pooling over positions (ignored for flat layers).</summary>
    public FeatureMapPooling Pooling => _function.Pooling;

    /// <summary>The appended column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The encoded-sequence (feature) column the network reads.</summary>
    public string InputColumnName => _binding.InputColumnName;

    /// <summary>Rows per forward pass in <see cref="Transform"/>.</summary>
    public int BatchSize => _binding.BatchSize;

    /// <summary>
    /// Values per row in the output column: channels × positions (<see cref="FeatureMapPooling.None"/>),
    /// channels (<see cref="FeatureMapPooling.Max"/>, <see cref="FeatureMapPooling.Mean"/>), or
    /// 2 × channels (<see cref="FeatureMapPooling.MaxAndMean"/>); the layer's size for flat layers.
    /// </summary>
    public int OutputSize => _function.OutputWidth;

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _binding.OutputSchema(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => _binding.Transform(input);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _binding.RowToRowMapper(inputSchema);

    // Upstream: third-party transformers cannot implement ML.NET's saving (ModelSaveContext is internal):
    // https://github.com/dotnet/machinelearning/issues/4911, https://github.com/dotnet/machinelearning/issues/6839
    /// <summary>
    /// Not supported: ML.NET offers no public loader registration for third-party transformers.
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("A Cnn.MLNet feature-map transformer cannot be saved with MLContext.Model.Save: ML.NET has no public way to register "
            + "a loader for a third-party transformer. Save the fitted chain with ml.Model.SaveCnn (it stores this transformer with its network) and load it with ml.Model.LoadCnn.");

    internal RowFunctionBinding Binding => _binding;

    string ISavableComponent.ComponentKind => FeatureMapCodec.Kind;

    int ISavableComponent.ComponentVersion => FeatureMapCodec.ComponentVersion;

    void ISavableComponent.Save(IComponentWriter writer) => FeatureMapCodec.Save(this, writer);
}
