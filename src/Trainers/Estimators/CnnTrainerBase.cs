using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// What every Cnn trainer does: check the columns, build the task and network, train, and return
/// a <see cref="CnnPredictionTransformer"/>. Subclasses say only how the task reads its label.
/// Fit never changes the estimator or its options.
/// </summary>
/// <typeparam name="TOptions">The trainer's options class.</typeparam>
public abstract class CnnTrainerBase<TOptions> : ICnnTrainer where TOptions : CnnTrainerOptions
{
    private readonly IHostEnvironment _environment;

    /// <summary>Copies and validates the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    private protected CnnTrainerBase(IHostEnvironment environment, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        _environment = environment;
        TrainerOptions = (TOptions)options.Copy();
        TrainerOptions.Validate();
    }

    /// <summary>The trainer's own copy of its options.</summary>
    private protected TOptions TrainerOptions { get; }

    /// <summary>Trains on <paramref name="input"/> for all epochs.</summary>
    public CnnPredictionTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>
    /// Trains on <paramref name="trainData"/>, evaluating on <paramref name="validationData"/>
    /// after each epoch: the validation loss and metric are reported, training stops early after
    /// <see cref="CnnTrainingOptions.EarlyStoppingPatience"/> epochs without improvement, and the
    /// best epoch's weights are kept.
    /// </summary>
    public CnnPredictionTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var features = SchemaLookup.GetColumn(trainData.Schema, TrainerOptions.FeatureColumnName, "Cnn trainer", nameof(trainData));
        var label = SchemaLookup.GetColumn(trainData.Schema, TrainerOptions.LabelColumnName, "Cnn trainer", nameof(trainData));
        var input = InputShape.FromColumn(features, TrainerOptions.Channels, TrainerOptions.Height, TrainerOptions.Width);
        var task = CreateTask(label, input, trainData);
        task.CheckLabelType(label);
        if (validationData != null)
        {
            input.EnsureMatches(SchemaLookup.GetColumn(validationData.Schema, TrainerOptions.FeatureColumnName, "Cnn trainer", nameof(validationData)));
            task.CheckLabelType(SchemaLookup.GetColumn(validationData.Schema, TrainerOptions.LabelColumnName, "Cnn trainer", nameof(validationData)));
        }

        var model = new TrainingLoop(_environment, TrainerOptions, task, input, DefaultNetwork(input)).Train(trainData, validationData);
        return new CnnPredictionTransformer(model, TrainerOptions.FeatureColumnName, TrainerOptions.ScoringBatchSize);
    }

    /// <summary>The input schema plus the task's scoring columns.</summary>
    /// <exception cref="ArgumentException">The feature or label column is missing or of the wrong kind.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = SchemaLookup.GetColumn(inputSchema, TrainerOptions.FeatureColumnName, "Cnn trainer", nameof(inputSchema));
        if (features.Kind == SchemaShape.Column.VectorKind.VariableVector && features.ItemType == NumberDataViewType.Single)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' is a vector of unknown size, so rows may differ in length. "
                + "Every row needs the same shape: for images, resize them (ml.Transforms.ResizeImages) before ExtractPixels.", nameof(inputSchema));
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Cnn trainer: feature column '{features.Name}' is {SchemaLookup.Describe(features)}; it needs a known-size vector of Single.", nameof(inputSchema));
        var label = SchemaLookup.GetColumn(inputSchema, TrainerOptions.LabelColumnName, "Cnn trainer", nameof(inputSchema));
        return SchemaShapeFactory.WithColumns(inputSchema, OutputShape(label));
    }

    /// <summary>The task for this label column (its type is checked afterwards).</summary>
    private protected virtual CnnTask CreateTask(DataViewSchema.Column label) =>
        throw new NotSupportedException($"{GetType().Name} builds its task from the input shape and the training data.");

    /// <summary>The task for this label column, input and training data; by default it depends on the label only.</summary>
    private protected virtual CnnTask CreateTask(DataViewSchema.Column label, InputShape input, IDataView trainData) => CreateTask(label);

    /// <summary>The network when the options name none; null for the documented default rule (<see cref="NetworkPresets.DefaultFor"/>).</summary>
    private protected virtual NetworkSpec? DefaultNetwork(InputShape input) => null;

    /// <summary>The scoring columns as schema-shape columns, checking the label's shape.</summary>
    private protected abstract IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label);

    /// <summary>A schema-shape column for a scalar or vector of Single.</summary>
    private protected static SchemaShape.Column SingleColumn(string name, bool vector = false) =>
        SchemaShapeFactory.CreateColumn(name, vector ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false);

    /// <summary>The error for a label column of the wrong shape.</summary>
    private protected static ArgumentException WrongLabel(SchemaShape.Column label, string expected) =>
        new($"Cnn trainer: label column '{label.Name}' is {SchemaLookup.Describe(label)}; this trainer needs {expected}.", "inputSchema");
}
