using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A fitted CNN in an ML.NET pipeline. <see cref="Transform"/> scores in batches (one forward
/// pass per <see cref="ScoringBatchSize"/> rows, pass-through columns preserved);
/// <see cref="GetRowToRowMapper"/> scores one row at a time for <c>PredictionEngine</c>. Output
/// columns follow ML.NET's conventions for the task, so the stock evaluators,
/// <c>CrossValidate</c> and <c>MapKeyToValue</c> work unchanged: binary — Score, Probability,
/// PredictedLabel; multiclass — Score (class probabilities), PredictedLabel (key with the
/// label's class names); regression — Score; multi-task — Score (one value per target).
/// Safe to score from several threads at once (each with its own cursor or engine).
/// Deliberately not <see cref="IDisposable"/>: ML.NET's <c>PredictionEngine</c> and
/// <c>TransformerChain</c> dispose disposable transformers when they are disposed, which would
/// destroy a network still used elsewhere. Its native memory is freed when it is collected, or
/// at once with <c>Model.Dispose()</c>.
/// </summary>
public sealed class CnnPredictionTransformer : ITransformer, ISavableComponent
{
    private readonly RowFunctionBinding _binding;

    internal CnnPredictionTransformer(CnnModel model, string featureColumnName, int scoringBatchSize)
    {
        Model = model;
        _binding = new RowFunctionBinding("Cnn model", new CnnScoringFunction(model), model, featureColumnName, scoringBatchSize);
    }

    /// <summary>The trained network and what it needs to score.</summary>
    public CnnModel Model { get; }

    /// <summary>The feature column the network reads.</summary>
    public string FeatureColumnName => _binding.InputColumnName;

    /// <summary>Rows per forward pass in <see cref="Transform"/>.</summary>
    public int ScoringBatchSize => _binding.BatchSize;

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
    /// Save whole pipelines with Cnn.MLNet's model container instead.
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("A Cnn.MLNet model cannot be saved with MLContext.Model.Save: ML.NET has no public way to register a loader "
            + "for a third-party transformer. Save the fitted pipeline with Cnn.MLNet's model container (ml.Model.SaveCnn).");

    string ISavableComponent.ComponentKind => CnnComponentCodec.Kind;

    int ISavableComponent.ComponentVersion => CnnComponentCodec.ComponentVersion;

    void ISavableComponent.Save(IComponentWriter writer) => CnnComponentCodec.Save(this, writer);
}
