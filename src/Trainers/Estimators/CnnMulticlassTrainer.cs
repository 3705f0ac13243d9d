using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Multiclass classification with a CNN: key-typed label (map class names with
/// <c>ml.Transforms.Conversion.MapValueToKey</c>); outputs Score (class probabilities) and
/// PredictedLabel (a key carrying the class names), as <c>ml.MulticlassClassification.Evaluate</c>
/// and <c>MapKeyToValue</c> expect. Create it with <c>ml.MulticlassClassification.Trainers.Cnn(options)</c>.
/// </summary>
public sealed class CnnMulticlassTrainer : CnnTrainerBase<CnnMulticlassTrainer.Options>
{
    /// <summary>Options for <see cref="CnnMulticlassTrainer"/>.</summary>
    public sealed class Options : CnnTrainerOptions
    {
        /// <summary>Loss weight per class, in key order (index 0 = key 1). Default null: equal weights.</summary>
        public float[]? ClassWeights { get; set; }

        internal override void Validate()
        {
            base.Validate();
            if (ClassWeights != null && ClassWeights.Any(w => !(w > 0) || !float.IsFinite(w)))
                throw new ArgumentException($"ClassWeights must all be positive numbers (were {string.Join(", ", ClassWeights)}).");
        }
    }

    internal CnnMulticlassTrainer(IHostEnvironment environment, Options options) : base(environment, options) { }

    private protected override CnnTask CreateTask(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType key || key.Count is 0 or > int.MaxValue)
            throw new ArgumentException($"Cnn trainer: label column '{label.Name}' has type {label.Type}; multiclass needs a key type with a known class count "
                + "(use ml.Transforms.Conversion.MapValueToKey on the label).", "trainData");
        return new MulticlassClassificationTask((int)key.Count, ClassNames(label), TrainerOptions.ClassWeights?.ToArray());
    }

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey) throw WrongLabel(label, "a key type (use ml.Transforms.Conversion.MapValueToKey)");
        return
        [
            SingleColumn("Score", vector: true),
            SchemaShapeFactory.CreateColumn("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, label.ItemType, true, label.Annotations),
        ];
    }

    // Class names from the label's KeyValues annotation, as text whatever the original value type.
    private static IReadOnlyList<string>? ClassNames(DataViewSchema.Column label)
    {
        var kind = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (kind is not { } column || column.Type is not VectorDataViewType vector) return null;
        if (vector.ItemType is TextDataViewType)
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            label.Annotations.GetValue("KeyValues", ref names);
            return names.DenseValues().Select(n => n.ToString()).ToArray();
        }
        var read = typeof(CnnMulticlassTrainer).GetMethod(nameof(ValuesAsText), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(vector.ItemType.RawType);
        return (IReadOnlyList<string>)read.Invoke(null, [label])!;
    }

    private static IReadOnlyList<string> ValuesAsText<T>(DataViewSchema.Column label)
    {
        VBuffer<T> values = default;
        label.Annotations.GetValue("KeyValues", ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray();
    }
}
