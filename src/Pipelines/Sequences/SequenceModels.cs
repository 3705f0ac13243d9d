using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The ready-made sequence pipeline behind <c>cnn-mlnet train</c>, <c>evaluate</c> and
/// <c>demo</c>: a text <c>Sequence</c> column and a <c>Label</c> column (Boolean, text class
/// names or Single, as <see cref="SequenceFiles"/> reads them) → one-hot encoding → a CNN →
/// for multiclass, the predicted class name in <c>PredictedClass</c>. The returned chain scores
/// data without labels, so the same model serves predictions.
/// </summary>
public static class SequenceModels
{
    /// <summary>The column holding the predicted class name of multiclass models.</summary>
    public const string PredictedClassColumn = "PredictedClass";

    /// <summary>The label kind <see cref="SequenceFiles"/> should read for a task.</summary>
    public static SequenceLabelKind LabelKindFor(CnnTaskKind task) => task switch
    {
        CnnTaskKind.BinaryClassification => SequenceLabelKind.Boolean,
        CnnTaskKind.Regression => SequenceLabelKind.Single,
        _ => SequenceLabelKind.Text,
    };

    /// <summary>Trains the pipeline; <paramref name="validation"/> enables early stopping and best-epoch weights.</summary>
    public static TransformerChain<ITransformer> Train(MLContext ml, IDataView train, IDataView? validation, SequenceTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Training == null) throw new ArgumentException("The sequence settings need Training options (they are null).", nameof(settings));
        var encoder = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            OutputColumnName = "Features",
            Alphabet = settings.Alphabet,
            Length = settings.Length,
            Order = settings.Order,
        }).Fit(train);

        var stages = new List<ITransformer>();
        IDataView trainReady = encoder.Transform(train), validationReady = validation == null ? null! : encoder.Transform(validation);
        ITransformer? labelToKey = null;
        if (settings.Task == CnnTaskKind.MulticlassClassification)
        {
            labelToKey = ml.Transforms.Conversion.MapValueToKey("Label", "Label").Fit(train);
            trainReady = labelToKey.Transform(trainReady);
            if (validation != null) validationReady = labelToKey.Transform(validationReady);
        }

        var cnn = CreateTrainer(ml, settings).Fit(trainReady, validation == null ? null : validationReady);
        stages.Add(encoder);
        stages.Add(cnn);
        if (settings.Task == CnnTaskKind.MulticlassClassification)
            stages.Add(ml.Transforms.Conversion.MapKeyToValue(PredictedClassColumn, "PredictedLabel").Fit(cnn.Transform(trainReady)));
        return new TransformerChain<ITransformer>(stages.ToArray());
    }

    /// <summary>Evaluates <paramref name="model"/> (one network, or a <see cref="CnnEnsemble"/>) on labelled <paramref name="data"/> with ML.NET's evaluator for its task.</summary>
    /// <exception cref="ArgumentException">The model holds no Cnn network, or the data lacks a Label column.</exception>
    public static SequenceMetrics Evaluate(MLContext ml, ITransformer model, IDataView data)
    {
        var (task, classNames) = Describe(model);
        var scored = model.Transform(WithKeyLabels(ml, task, classNames, data));
        long rows = scored.GetRowCount() ?? CountRows(scored);
        return task switch
        {
            CnnTaskKind.BinaryClassification => Binary(ml.BinaryClassification.Evaluate(scored), rows),
            CnnTaskKind.MulticlassClassification => Multiclass(ml.MulticlassClassification.Evaluate(scored), rows),
            CnnTaskKind.Regression => Regression(ml.Regression.Evaluate(scored), rows),
            CnnTaskKind.MultiTask => MultiTask(MultiTaskMetrics.Evaluate(ml, CnnChain.FindCnn(model), scored), rows),
            var other => throw new NotSupportedException($"Evaluating {TaskNames.Of(other)} models is not supported here; score them with Transform."),
        };
    }

    /// <summary>The task of a fitted pipeline: its network's, or its ensemble's.</summary>
    /// <exception cref="ArgumentException">The model holds neither a Cnn network nor an ensemble.</exception>
    public static CnnTaskKind TaskOf(ITransformer model) => Describe(model).Task;

    // What scoring produces: the task and (multiclass) the class names, from the ensemble or the last network.
    private static (CnnTaskKind Task, IReadOnlyList<string>? ClassNames) Describe(ITransformer model)
    {
        if (CnnChain.FindEnsemble(model) is { } ensemble) return (ensemble.Task, ensemble.ClassNames);
        var cnn = CnnChain.FindCnn(model);
        return (cnn.Model.TaskKind, cnn.Model.ClassNames);
    }

    /// <summary>
    /// The trainer's options from the settings: <see cref="SequenceTrainingSettings.Training"/> applied
    /// with <see cref="CnnTrainingOptions.ApplyTo{T}"/>, then the sequence-specific strand settings and recovery.
    /// </summary>
    internal static T TrainerOptions<T>(SequenceTrainingSettings s, T options) where T : Trainers.CnnTrainerOptions
    {
        s.Training.ApplyTo(options);
        options.ReverseComplementAverage = s.ReverseComplementAverage;
        s.Recovery.ApplyTo(options);
        if (s.ReverseComplementAugment || s.MaxShift > 0)
            options.SequenceAugmentation = new Trainers.SequenceAugmentation { ReverseComplement = s.ReverseComplementAugment, MaxShift = s.MaxShift };
        return options;
    }

    private static ICnnTrainer CreateTrainer(MLContext ml, SequenceTrainingSettings s)
    {
        T Fill<T>(T options) where T : Trainers.CnnTrainerOptions => TrainerOptions(s, options);
        return s.Task switch
        {
            CnnTaskKind.BinaryClassification => ml.BinaryClassification.Trainers.Cnn(Fill(new CnnBinaryTrainer.Options())),
            CnnTaskKind.MulticlassClassification => ml.MulticlassClassification.Trainers.Cnn(Fill(new CnnMulticlassTrainer.Options())),
            CnnTaskKind.Regression => ml.Regression.Trainers.Cnn(Fill(new CnnRegressionTrainer.Options())),
            var other => throw new NotSupportedException($"The ready-made sequence pipeline trains binary, multiclass or regression models, not {TaskNames.Of(other)}."),
        };
    }

    // Multiclass labels arrive as class names: map them to the model's own keys, in the model's order.
    private static IDataView WithKeyLabels(MLContext ml, CnnTaskKind task, IReadOnlyList<string>? classNames, IDataView data)
    {
        if (data.Schema.GetColumnOrNull("Label") == null)
            throw new ArgumentException("The data has no 'Label' column to evaluate against.", nameof(data));
        if (task != CnnTaskKind.MulticlassClassification) return data;
        var names = classNames ?? throw new InvalidOperationException("The multiclass model carries no class names, so text labels cannot be matched to its classes.");
        RequireKnownClasses(names, data, "Label", pathColumn: null);
        var keys = ml.Data.LoadFromEnumerable(names.Select(n => new ClassName { Label = n }));
        return ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyData: keys).Fit(data).Transform(data);
    }

    /// <summary>
    /// Refuses evaluation data with a class the multiclass model was not trained on: ML.NET maps it to
    /// the missing key and its evaluator silently scores the other rows, so the metrics would cover
    /// fewer rows than reported. Names the file (for file data) or the image, the row and the label.
    /// </summary>
    internal static void RequireKnownClasses(ITransformer model, IDataView data, string labelColumn, string? pathColumn) =>
        RequireKnownClasses(Describe(model).ClassNames, data, labelColumn, pathColumn);

    private static void RequireKnownClasses(IReadOnlyList<string>? classNames, IDataView data, string labelColumn, string? pathColumn)
    {
        if (classNames is not { } classes || data.Schema.GetColumnOrNull(labelColumn) is not { Type: TextDataViewType } label) return;
        var known = new HashSet<string>(classes, StringComparer.Ordinal);
        var columns = new List<DataViewSchema.Column> { label };
        if (pathColumn != null && data.Schema.GetColumnOrNull(pathColumn) is { Type: TextDataViewType } path) columns.Add(path);
        using var cursor = data.GetRowCursor(columns);
        var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(label);
        var getId = cursor.GetIdGetter();
        ValueGetter<ReadOnlyMemory<char>>? getPath = columns.Count > 1 ? cursor.GetGetter<ReadOnlyMemory<char>>(columns[1]) : null;
        ReadOnlyMemory<char> value = default, file = default;
        DataViewRowId id = default;
        while (cursor.MoveNext())
        {
            getLabel(ref value);
            if (known.Contains(value.ToString())) continue;
            getId(ref id);
            getPath?.Invoke(ref file);
            string where = getPath != null ? $"image '{file}' (row {id.Low}, 0-based)"
                : data is SequenceFileDataView source ? $"file '{source.Path}', data row {id.Low} (0-based)"
                : $"row {id.Low} (0-based)";
            throw new InvalidDataException($"The evaluation data's {where} has the label '{value}', which is not one of the model's classes ("
                + string.Join(", ", classes) + "); the model cannot be scored against a class it was not trained on.");
        }
    }

    private sealed class ClassName
    {
        public string Label { get; set; } = "";
    }

    /// <summary>Counts rows with a cursor over no columns (for views that do not know their count).</summary>
    internal static long CountRows(IDataView data)
    {
        long n = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) n++;
        return n;
    }

    private static SequenceMetrics Binary(CalibratedBinaryClassificationMetrics m, long rows) => new(CnnTaskKind.BinaryClassification, rows,
    [
        new("accuracy", m.Accuracy), new("auc", m.AreaUnderRocCurve), new("auprc", m.AreaUnderPrecisionRecallCurve),
        new("f1", m.F1Score), new("logLoss", m.LogLoss),
    ]);

    private static SequenceMetrics Multiclass(MulticlassClassificationMetrics m, long rows) => new(CnnTaskKind.MulticlassClassification, rows,
        [new("microAccuracy", m.MicroAccuracy), new("macroAccuracy", m.MacroAccuracy), new("logLoss", m.LogLoss)]);

    // Means first, then per target: target0.auroc, target0.auprc (binary) or target0.rmse, target0.rSquared (regression).
    private static SequenceMetrics MultiTask(MultiTaskMetrics m, long rows) => new(CnnTaskKind.MultiTask, rows,
    [
        new("meanAuroc", m.MeanAreaUnderRocCurve), new("meanAuprc", m.MeanAreaUnderPrecisionRecallCurve),
        .. m.Targets.SelectMany(t => t.Kind == TargetKind.Binary
            ? new KeyValuePair<string, double>[] { new($"target{t.Index}.auroc", t.AreaUnderRocCurve), new($"target{t.Index}.auprc", t.AreaUnderPrecisionRecallCurve) }
            : [new($"target{t.Index}.rmse", t.RootMeanSquaredError), new($"target{t.Index}.rSquared", t.RSquared)]),
    ]);

    private static SequenceMetrics Regression(RegressionMetrics m, long rows) => new(CnnTaskKind.Regression, rows,
        [new("rmse", m.RootMeanSquaredError), new("mae", m.MeanAbsoluteError), new("rSquared", m.RSquared)]);
}
