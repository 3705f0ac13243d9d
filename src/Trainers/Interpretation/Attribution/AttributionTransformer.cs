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

    internal AttributionTransformer(IReadOnlyList<CnnModel> models, AttributionOptions options, string inputColumnName, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName, nameof(options.OutputColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _function = new AttributionFunction(models, options);
        Models = models;
        OutputColumnName = options.OutputColumnName;
        _binding = new RowFunctionBinding("Attribution", _function, models[0], inputColumnName, batchSize);
    }

    /// <summary>The network explained; for fold-averaged attributions of an ensemble, the first member's (see <see cref="Models"/>).</summary>
    public CnnModel Model => Models[0];

    /// <summary>The networks whose attributions are averaged: one, or an ensemble's members in order.</summary>
    public IReadOnlyList<CnnModel> Models { get; }

    /// <summary>The attribution method.</summary>
    public AttributionMethod Method => _function.Method;

    /// <summary>The layout of the output column.</summary>
    public AttributionShape Shape => _function.Shape;

    /// <summary>
    /// The raw output explained; null means each row's predicted class (multiclass) or the
    /// model's only output (binary logit, regression value, single-target multi-task).
    /// </summary>
    public int? TargetOutput => _function.TargetOutput;

    /// <summary>For profile models: whether the count or the profile is explained.</summary>
    public TrackAttributionTarget TrackTarget => _function.TrackTarget;

    /// <summary>The references DeepLIFT and integrated gradients explain against, as asked (<see cref="AttributionBaseline.Automatic"/> for the other methods).</summary>
    public AttributionBaseline Baseline => _function.Baseline;

    /// <summary>References per row when they are shuffles.</summary>
    public int References => _function.References;

    /// <summary>Integrated gradients' path points.</summary>
    public int Steps => _function.Steps;

    /// <summary>The seed of the shuffled references.</summary>
    public int Seed => _function.Seed;

    /// <summary>The blurred baseline's Gaussian standard deviation, in pixels.</summary>
    public double BlurSigma => _function.BlurSigma;

    /// <summary>Whether the column holds hypothetical contributions (see <see cref="AttributionOptions.Hypothetical"/>).</summary>
    public bool Hypothetical => _function.Hypothetical;

    /// <summary>Whether saliency subtracts the mean gradient over symbol channels (see <see cref="AttributionOptions.SimplexCorrection"/>).</summary>
    public bool SimplexCorrection => _function.SimplexCorrection;

    /// <summary>The appended column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The appended per-row summation-error column (DeepLIFT, integrated gradients), or null.</summary>
    public string? SummationErrorColumnName => _function.ErrorColumnName;

    /// <summary>The encoded-sequence (feature) column the network reads.</summary>
    public string InputColumnName => _binding.InputColumnName;

    /// <summary>Rows per batch in <see cref="Transform"/> (in-silico mutagenesis runs their mutants in chunks).</summary>
    public int BatchSize => _binding.BatchSize;

    /// <summary>Values per row in the output column: channels × length (<see cref="AttributionShape.PerBase"/>) or length (<see cref="AttributionShape.PerPosition"/>).</summary>
    public int OutputSize => _function.AttributionWidth;

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

    void ISavableComponent.Save(IComponentWriter writer)
    {
        if (Models.Count > 1)
            throw new NotSupportedException($"Fold-averaged attributions over {Models.Count} ensemble members cannot be saved inside a model file: save the ensemble "
                + "(ml.Model.SaveCnn), load it, and add ml.Transforms.ComputeAttributions(ensemble, options) again.");
        AttributionCodec.Save(this, writer);
    }
}
