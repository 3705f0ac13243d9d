using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Several targets at once (Basset-style multi-task): a vector&lt;float, T&gt; label where NaN marks
/// a missing target, masked out of the loss. Each target is binary (sigmoid, cross-entropy) or
/// regression (squared error); Score is a vector of T values (probabilities for binary targets).
/// Create it with <c>ml.BinaryClassification.Trainers.CnnMultiTask(options)</c>.
/// </summary>
public sealed class CnnMultiTaskTrainer : CnnTrainerBase<CnnMultiTaskTrainer.Options>
{
    /// <summary>Options for <see cref="CnnMultiTaskTrainer"/>.</summary>
    public sealed class Options : CnnTrainerOptions
    {
        /// <summary>The kind of each target, in label order. Default null: every target binary.</summary>
        public TargetKind[]? Targets { get; set; }
    }

    internal CnnMultiTaskTrainer(IHostEnvironment environment, Options options) : base(environment, options) { }

    private protected override CnnTask CreateTask(DataViewSchema.Column label)
    {
        if (label.Type is not VectorDataViewType { Size: > 0 } vector)
            throw new ArgumentException($"Cnn trainer: label column '{label.Name}' has type {label.Type}; multi-task needs a known-size vector of Single.", "trainData");
        if (TrainerOptions.Targets != null && TrainerOptions.Targets.Length != vector.Size)
            throw new ArgumentException($"Cnn trainer: Targets lists {TrainerOptions.Targets.Length} kinds but label column '{label.Name}' has {vector.Size} targets.", "trainData");
        return new MultiTaskTask(TrainerOptions.Targets ?? Enumerable.Repeat(TargetKind.Binary, vector.Size).ToArray());
    }

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Vector || label.ItemType != NumberDataViewType.Single)
            throw WrongLabel(label, "a known-size vector of Single (NaN = missing)");
        return [SingleColumn("Score", vector: true)];
    }
}
