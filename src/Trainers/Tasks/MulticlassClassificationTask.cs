using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Multiclass classification over the K values of a key-typed label. Loss: cross-entropy with
/// optional class weights. Scoring: Score = softmax probabilities (vector of K), PredictedLabel =
/// the most probable key, carrying the label's KeyValues so MapKeyToValue recovers class names.
/// </summary>
internal sealed class MulticlassClassificationTask : CnnTask
{
    private readonly float[]? _classWeights;

    /// <param name="classCount">K, from the label's key type.</param>
    /// <param name="classNames">The label's KeyValues annotation (class names), or null.</param>
    /// <param name="classWeights">Loss weight per class, or null for equal weights.</param>
    public MulticlassClassificationTask(int classCount, IReadOnlyList<string>? classNames, float[]? classWeights)
    {
        if (classCount < 2)
        {
            string names = classNames is { Count: > 0 } ? ": " + string.Join(", ", classNames.Select(n => $"'{n}'")) : "";
            throw new ArgumentException($"Multiclass classification needs at least 2 classes (the label's key type has {classCount}{names}); "
                + "the training data holds one class only.");
        }
        if (classWeights != null && classWeights.Length != classCount)
            throw new ArgumentException($"ClassWeights has {classWeights.Length} values but the label has {classCount} classes.");
        if (classNames != null && classNames.Count != classCount)
            throw new ArgumentException($"The label has {classCount} classes but {classNames.Count} class names.");
        ClassCount = classCount;
        ClassNames = classNames;
        _classWeights = classWeights;

        var keyType = new KeyDataViewType(typeof(uint), classCount);
        var annotations = new DataViewSchema.Annotations.Builder();
        if (classNames != null)
        {
            var names = new VBuffer<ReadOnlyMemory<char>>(classCount, classNames.Select(n => n.AsMemory()).ToArray());
            // "KeyValues" is AnnotationUtils.Kinds.KeyValues; the typed helper for it is internal to ML.NET.
            // (Internalised in https://github.com/dotnet/machinelearning/pull/2651; no upstream report found as of 2026-12 asking to make it public.)
            annotations.Add("KeyValues", new VectorDataViewType(TextDataViewType.Instance, classCount),
                (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        }
        OutputColumns =
        [
            new("Score", new VectorDataViewType(NumberDataViewType.Single, classCount)),
            new("PredictedLabel", keyType, annotations.ToAnnotations()),
        ];
    }

    public int ClassCount { get; }
    public IReadOnlyList<string>? ClassNames { get; }
    public IReadOnlyList<float>? ClassWeights => _classWeights;

    public override CnnTaskKind Kind => CnnTaskKind.MulticlassClassification;
    public override int Outputs => ClassCount;

    public override void CheckLabelType(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw WrongLabelType(label, "a key type (use ml.Transforms.Conversion.MapValueToKey on the label)");
        if ((int)key.Count != ClassCount)
            throw new ArgumentException($"Cnn trainer: label column '{label.Name}' has {key.Count} classes but the model has {ClassCount}.", "label");
    }

    public override LabelCopier CreateLabelCopier(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<uint>(label);
        var id = row.GetIdGetter();
        uint key = 0;
        return destination =>
        {
            getter(ref key);
            if (key == 0) throw LabelErrors.MissingKey(label, id);
            destination[0] = key - 1;
        };
    }

    public override Tensor Loss(Tensor outputs, Tensor labels)
    {
        using var classes = labels.squeeze(1).to_type(ScalarType.Int64);
        using var weight = _classWeights == null ? null : tensor(_classWeights, device: outputs.device);
        return nn.functional.cross_entropy(outputs, classes, weight);
    }

    public override (string Name, bool HigherIsBetter) Metric => ("accuracy", true);

    public override double ComputeMetric(Tensor outputs, Tensor labels)
    {
        using var predicted = outputs.argmax(1);
        using var classes = labels.squeeze(1).to_type(ScalarType.Int64);
        using var correct = predicted.eq(classes).to_type(ScalarType.Float32);
        using var mean = correct.mean();
        return mean.item<float>();
    }

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    public override Delegate?[] CreateOutputGetters(Func<ReadOnlyMemory<float>> current, IReadOnlyList<bool> active)
    {
        int k = ClassCount;
        ValueGetter<VBuffer<float>>? score = active[0]
            ? (ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, k);
                Softmax(current().Span, editor.Values);
                value = editor.Commit();
            }
        : null;
        ValueGetter<uint>? predicted = active[1]
            ? (ref uint value) => value = (uint)ArgMax(current().Span) + 1
            : null;
        return [score, predicted];
    }

    /// <summary>A numerically stable softmax of <paramref name="logits"/> into <paramref name="probabilities"/> (also each track of a profile).</summary>
    internal static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (var x in logits) max = MathF.Max(max, x);
        float sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += probabilities[i] = MathF.Exp(logits[i] - max);
        for (int i = 0; i < logits.Length; i++) probabilities[i] /= sum;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
