using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Binary classification with a CNN: Boolean label; outputs Score (logit), Probability and
/// PredictedLabel, as <c>ml.BinaryClassification.Evaluate</c> expects. Create it with
/// <c>ml.BinaryClassification.Trainers.Cnn(options)</c>.
/// </summary>
public sealed class CnnBinaryTrainer : CnnTrainerBase<CnnBinaryTrainer.Options>
{
    /// <summary>Options for <see cref="CnnBinaryTrainer"/>.</summary>
    public sealed class Options : CnnTrainerOptions
    {
        /// <summary>Loss weight of positive rows relative to negatives (e.g. negatives ÷ positives for imbalanced data). Default 1.</summary>
        public float PositiveWeight { get; set; } = 1f;

        internal override void Validate()
        {
            base.Validate();
            if (!(PositiveWeight > 0) || !float.IsFinite(PositiveWeight)) throw new ArgumentException($"PositiveWeight must be a positive number (was {PositiveWeight}).");
        }
    }

    internal CnnBinaryTrainer(IHostEnvironment environment, Options options) : base(environment, options) { }

    private protected override CnnTask CreateTask(DataViewSchema.Column label) => new BinaryClassificationTask(TrainerOptions.PositiveWeight);

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.ItemType is not BooleanDataViewType) throw WrongLabel(label, "a Boolean");
        return
        [
            SingleColumn("Score"),
            SingleColumn("Probability"),
            SchemaShapeFactory.CreateColumn("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false),
        ];
    }
}
