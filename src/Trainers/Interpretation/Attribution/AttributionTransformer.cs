using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Appends, per row, how much each input base drives one raw output of a fitted CNN, as a
/// <c>vector&lt;float&gt;</c> column: channels × length (<see cref="AttributionShape.PerBase"/>,
/// channel-major like the encoded input) or length (<see cref="AttributionShape.PerPosition"/>,
/// the sum over channels). <see cref="Transform"/> computes in batches of the model's
/// <see cref="CnnPredictionTransformer.ScoringBatchSize"/> rows with pass-through columns
/// preserved; <see cref="GetRowToRowMapper"/> serves one row at a time for
/// <c>PredictionEngine</c>. Created by <c>ml.Transforms.ComputeAttributions</c>; <c>ml.Model.SaveCnn</c>
/// saves it within its chain, with its own copy of the network. Thread-safe;
/// never changes the network (saliency takes gradients with respect to the input only).
/// Not <see cref="IDisposable"/>, for the same reason as <see cref="CnnPredictionTransformer"/>.
/// </summary>
public sealed class AttributionTransformer : ITransformer, ISavableComponent
{
    private readonly AttributionFunction _function;
    private readonly RowFunctionBinding _binding;

    internal AttributionTransformer(CnnModel model, AttributionMethod method, AttributionShape shape, int? targetOutput,
        string outputColumnName, string inputColumnName, int batchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _function = new AttributionFunction(model, method, shape, targetOutput, outputColumnName);
        Model = model;
        OutputColumnName = outputColumnName;
        _binding = new RowFunctionBinding("Attribution", _function, model, inputColumnName, batchSize);
    }

    /// <summary>The network explained.</summary>
    public CnnModel Model { get; }

    /// <summary>The attribution method.</summary>
    public AttributionMethod Method => _function.Method;

    /// <summary>The layout of the output column.</summary>
    public AttributionShape Shape => _function.Shape;

    /// <summary>
    /// The raw output explained; null means each row's predicted class (multiclass) or the
    /// model's only output (binary logit, regression value, single-target multi-task).
    /// </summary>
    public int? TargetOutput => _function.TargetOutput;

    /// <summary>The appended column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The encoded-sequence (feature) column the network reads.</summary>
    public string InputColumnName => _binding.InputColumnName;

    /// <summary>Rows per batch in <see cref="Transform"/> (in-silico mutagenesis runs their mutants in chunks).</summary>
    public int BatchSize => _binding.BatchSize;

    /// <summary>Values per row in the output column: channels × length (<see cref="AttributionShape.PerBase"/>) or length (<see cref="AttributionShape.PerPosition"/>).</summary>
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
        throw new NotSupportedException("A Cnn.MLNet attribution transformer cannot be saved with MLContext.Model.Save: ML.NET has no public way to register "
            + "a loader for a third-party transformer. Save the fitted chain with ml.Model.SaveCnn (it stores this transformer with its network) and load it with ml.Model.LoadCnn.");

    internal RowFunctionBinding Binding => _binding;

    string ISavableComponent.ComponentKind => AttributionCodec.Kind;

    int ISavableComponent.ComponentVersion => AttributionCodec.ComponentVersion;

    void ISavableComponent.Save(IComponentWriter writer) => AttributionCodec.Save(this, writer);
}
