using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>The kind of one target of a multi-task model.</summary>
public enum TargetKind
{
    /// <summary>A 0/1 target: sigmoid output, binary cross-entropy.</summary>
    Binary,
    /// <summary>A real target: raw output, squared error.</summary>
    Regression,
}

/// <summary>
/// Several targets at once from a vector&lt;float, T&gt; label; NaN marks a missing target, which is
/// masked out of the loss. Loss: the mean over present targets of binary cross-entropy (binary
/// targets) and squared error (regression targets). Scoring: Score = vector of T values,
/// probabilities for binary targets and raw values for regression targets.
/// </summary>
internal sealed class MultiTaskTask : CnnTask
{
    private readonly float[] _isBinary;

    public MultiTaskTask(IReadOnlyList<TargetKind> targets)
    {
        if (targets.Count < 1) throw new ArgumentException("A multi-task model needs at least one target.");
        Targets = targets.ToArray();
        _isBinary = Targets.Select(t => t == TargetKind.Binary ? 1f : 0f).ToArray();
        OutputColumns = [new("Score", new VectorDataViewType(NumberDataViewType.Single, Targets.Count))];
    }

    public IReadOnlyList<TargetKind> Targets { get; }
    public override CnnTaskKind Kind => CnnTaskKind.MultiTask;
    public override int Outputs => Targets.Count;
    public override int LabelWidth => Targets.Count;

    public override void CheckLabelType(DataViewSchema.Column label)
    {
        if (label.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != Targets.Count)
            throw WrongLabelType(label, $"a vector of {Targets.Count} Single values (one per target; NaN = missing)");
    }

    public override LabelCopier CreateLabelCopier(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<VBuffer<float>>(label);
        var id = row.GetIdGetter();
        VBuffer<float> value = default;
        var binary = _isBinary;
        return destination =>
        {
            getter(ref value);
            value.CopyTo(destination);
            for (int t = 0; t < destination.Length; t++)
            {
                float y = destination[t];
                if (float.IsInfinity(y) || (binary[t] == 1f && !float.IsNaN(y) && y != 0f && y != 1f))
                    throw new InvalidOperationException($"Cnn trainer: label column '{label.Name}', row {LabelErrors.RowId(id)} (0-based), target {t}: "
                        + $"{y} is not a valid {(binary[t] == 1f ? "binary target (0, 1 or NaN for missing)" : "regression target (finite, or NaN for missing)")}.");
            }
        };
    }

    public override Tensor Loss(Tensor outputs, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var present = labels.isnan().logical_not();
        var target = labels.nan_to_num(0);
        var binary = tensor(_isBinary, device: outputs.device).unsqueeze(0);
        var bce = nn.functional.binary_cross_entropy_with_logits(outputs, target, reduction: nn.Reduction.None);
        var difference = outputs - target;
        var squared = difference * difference;
        // binary · bce + (1 − binary) · squared, written without number operands (Runtime/Scalars).
        var perTarget = squared.add(binary * (bce - squared), Scalars.One);
        var mask = present.to_type(ScalarType.Float32);
        var loss = (perTarget * mask).sum() / mask.sum().clamp_min(Scalars.One);
        return loss.MoveToOuterDisposeScope();
    }

    public override (string Name, bool HigherIsBetter) Metric => ("maskedLoss", false);

    public override double ComputeMetric(Tensor outputs, Tensor labels)
    {
        using var loss = Loss(outputs, labels);
        return loss.item<float>();
    }

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    public override Delegate?[] CreateOutputGetters(Func<ReadOnlyMemory<float>> current, IReadOnlyList<bool> active)
    {
        var binary = _isBinary;
        ValueGetter<VBuffer<float>>? score = active[0]
            ? (ref VBuffer<float> value) =>
            {
                var raw = current().Span;
                var editor = VBufferEditor.Create(ref value, raw.Length);
                for (int t = 0; t < raw.Length; t++) editor.Values[t] = binary[t] == 1f ? Sigmoid(raw[t]) : raw[t];
                value = editor.Commit();
            }
        : null;
        return [score];
    }
}
