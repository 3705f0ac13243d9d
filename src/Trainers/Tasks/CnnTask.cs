using Microsoft.ML;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>The kind of prediction a CNN makes; decides label type, loss and output columns.</summary>
public enum CnnTaskKind
{
    /// <summary>One yes/no target: Boolean label; Score, Probability, PredictedLabel.</summary>
    BinaryClassification,
    /// <summary>One of K classes: key label; Score vector and key PredictedLabel.</summary>
    MulticlassClassification,
    /// <summary>One real target: Single label; Score.</summary>
    Regression,
    /// <summary>Several binary and/or regression targets at once: vector label, NaN = missing.</summary>
    MultiTask,
    /// <summary>
    /// BPNet-style profile and count per coverage track: a vector label of counts (tracks × positions,
    /// track-major); multinomial profile loss plus weighted log-count squared error; Profile, ProfileProbabilities, Count and LogCount columns.
    /// </summary>
    Profile,
    /// <summary>Basenji-style binned coverage tracks: a vector label (tracks × bins); Poisson or squared-error loss; Score vector.</summary>
    BinnedTracks,
}

/// <summary>
/// Everything that differs between tasks, in one place: how labels are read and checked, how
/// many outputs the network has, the loss, the validation metric, and the scoring columns built
/// from the network's raw outputs. Immutable and thread-safe.
/// </summary>
internal abstract class CnnTask
{
    /// <summary>The kind, as saved with the model.</summary>
    public abstract CnnTaskKind Kind { get; }

    /// <summary>Output units of the network.</summary>
    public abstract int Outputs { get; }

    /// <summary>Label values stored per row in a training batch.</summary>
    public virtual int LabelWidth => 1;

    /// <summary>Checks the label column's type; the message names the column and the expected type.</summary>
    public abstract void CheckLabelType(DataViewSchema.Column label);

    /// <summary>
    /// Creates a reader that copies the current row's label into a batch buffer (float values;
    /// class indexes for multiclass), throwing an error that names the column and row for a bad value.
    /// </summary>
    public abstract LabelCopier CreateLabelCopier(DataViewRow row, DataViewSchema.Column label);

    /// <summary>The mean loss of a batch: raw outputs (B × Outputs) against labels (B × LabelWidth).</summary>
    public abstract Tensor Loss(Tensor outputs, Tensor labels);

    /// <summary>The metric reported each epoch on validation data: its name, and whether larger is better.</summary>
    public abstract (string Name, bool HigherIsBetter) Metric { get; }

    /// <summary>The metric over a whole validation pass, from stacked raw outputs and labels.</summary>
    public abstract double ComputeMetric(Tensor outputs, Tensor labels);

    /// <summary>The scoring columns, in order (DESIGN §3 names and types, so stock evaluators accept them).</summary>
    public abstract IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>
    /// Getters for the active <see cref="OutputColumns"/>, computed from the current row's raw
    /// network outputs, which <paramref name="current"/> returns (computing them if needed).
    /// </summary>
    public abstract Delegate?[] CreateOutputGetters(Func<ReadOnlyMemory<float>> current, IReadOnlyList<bool> active);

    /// <summary>
    /// How a row of raw outputs computed on the reverse-complemented input lines up with the forward
    /// strand's: aligned[j] = reversed[order[j]]; null when the outputs do not depend on the strand
    /// (every task with one value per sequence). Reverse-complement averaging uses it.
    /// </summary>
    internal virtual int[]? ReverseStrandOutputOrder => null;

    /// <summary>Whether labels change with the strand and position of the sequence (tracks do; one value per sequence does not).</summary>
    internal virtual bool LabelsFollowSequence => false;

    /// <summary>Turns a label into its reverse strand's, in place (augmentation); a no-op unless <see cref="LabelsFollowSequence"/>.</summary>
    internal virtual void ReverseComplementLabel(Span<float> label, Span<float> scratch) { }

    /// <summary>Moves a label with a sequence shifted by <paramref name="shift"/> positions, in place; a no-op unless <see cref="LabelsFollowSequence"/>.</summary>
    internal virtual void ShiftLabel(Span<float> label, int shift, Span<float> scratch) { }

    /// <summary>Copies one row's label into the batch's label buffer at the given offset.</summary>
    public delegate void LabelCopier(Span<float> destination);

    /// <summary>A label-column type error naming the column.</summary>
    protected static ArgumentException WrongLabelType(DataViewSchema.Column label, string expected) =>
        new($"Cnn trainer: label column '{label.Name}' has type {label.Type}; this task needs {expected}.", "label");

    /// <summary>Getter helper for a scalar float column.</summary>
    protected static ValueGetter<float> ScalarGetter(Func<ReadOnlyMemory<float>> current, Func<ReadOnlySpan<float>, float> compute) =>
        (ref float value) => value = compute(current().Span);

    /// <summary>Numerically stable logistic function.</summary>
    protected static float Sigmoid(float x) => x >= 0 ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x));
}
