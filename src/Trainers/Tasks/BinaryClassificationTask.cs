using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Binary classification: one logit. Loss: binary cross-entropy with logits, optionally weighting
/// positives. Scoring: Score = the logit (ML.NET's raw score), Probability = sigmoid(logit),
/// PredictedLabel = Probability &gt; 0.5.
/// </summary>
internal sealed class BinaryClassificationTask(float positiveWeight) : CnnTask
{
    public override CnnTaskKind Kind => CnnTaskKind.BinaryClassification;
    public override int Outputs => 1;
    public float PositiveWeight { get; } = positiveWeight;

    public override void CheckLabelType(DataViewSchema.Column label)
    {
        if (label.Type is not BooleanDataViewType) throw WrongLabelType(label, "Boolean");
    }

    public override LabelCopier CreateLabelCopier(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<bool>(label);
        bool value = false;
        return destination => { getter(ref value); destination[0] = value ? 1f : 0f; };
    }

    public override Tensor Loss(Tensor outputs, Tensor labels)
    {
        using var weight = PositiveWeight == 1f ? null : tensor(PositiveWeight, device: outputs.device);
        return nn.functional.binary_cross_entropy_with_logits(outputs, labels, pos_weights: weight);
    }

    public override (string Name, bool HigherIsBetter) Metric => ("accuracy", true);

    public override double ComputeMetric(Tensor outputs, Tensor labels)
    {
        using var predicted = outputs.gt(Scalars.Zero).to_type(ScalarType.Float32);
        using var correct = predicted.eq(labels).to_type(ScalarType.Float32);
        using var mean = correct.mean();
        return mean.item<float>();
    }

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; } =
    [
        new("Score", NumberDataViewType.Single),
        new("Probability", NumberDataViewType.Single),
        new("PredictedLabel", BooleanDataViewType.Instance),
    ];

    public override Delegate?[] CreateOutputGetters(Func<ReadOnlyMemory<float>> current, IReadOnlyList<bool> active) =>
    [
        active[0] ? ScalarGetter(current, o => o[0]) : null,
        active[1] ? ScalarGetter(current, o => Sigmoid(o[0])) : null,
        active[2] ? (ValueGetter<bool>)((ref bool value) => value = current().Span[0] > 0) : null,
    ];
}
