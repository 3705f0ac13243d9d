using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// What the coverage-track tasks share: a <see cref="TrackLayout"/> (tracks × positions,
/// track-major), labels that follow the sequence (mirrored, strand pairs swapped, and shifted
/// with it), the label checks, and the loss as the validation metric.
/// </summary>
internal abstract class TrackTask : CnnTask
{
    /// <summary>aligned[j] = reversed[order[j]] over a label (the tracks' values, no extras).</summary>
    protected int[] ReverseLabelOrder { get; }

    protected TrackTask(TrackLayout layout)
    {
        layout.Validate();
        Layout = layout;
        ReverseLabelOrder = layout.ReverseStrandOrder(0);
    }

    /// <summary>Tracks, positions (or bins) and strandedness.</summary>
    public TrackLayout Layout { get; }

    public override int LabelWidth => Layout.Tracks * Layout.Positions;

    /// <summary>What one label value is along a track, for messages: "position" or "bin".</summary>
    protected abstract string ValueName { get; }

    /// <summary>Whether label values must not be negative (counts).</summary>
    protected abstract bool CountsOnly { get; }

    public override void CheckLabelType(DataViewSchema.Column label)
    {
        if (label.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != LabelWidth)
            throw TrackLabels.WrongType(label, Layout, ValueName + "s");
    }

    public override LabelCopier CreateLabelCopier(DataViewRow row, DataViewSchema.Column label) => TrackLabels.Copier(row, label, Layout, CountsOnly, ValueName);

    public override double ComputeMetric(Tensor outputs, Tensor labels)
    {
        using var loss = Loss(outputs, labels);
        return loss.item<float>();
    }

    internal override bool LabelsFollowSequence => true;

    internal override void ReverseComplementLabel(Span<float> label, Span<float> scratch)
    {
        label[..LabelWidth].CopyTo(scratch);
        for (int j = 0; j < LabelWidth; j++) label[j] = scratch[ReverseLabelOrder[j]];
    }

    internal override void ShiftLabel(Span<float> label, int shift, Span<float> scratch) => Layout.Shift(label, shift, scratch);
}
