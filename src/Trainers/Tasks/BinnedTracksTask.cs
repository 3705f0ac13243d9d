using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>The loss of a binned-track model.</summary>
public enum TrackLoss
{
    /// <summary>Poisson negative log-likelihood (Basenji); the raw output is the log of the rate, Score is the rate.</summary>
    Poisson,
    /// <summary>Squared error; the raw output is the value.</summary>
    Mse,
}

/// <summary>
/// Basenji's binned coverage regression. Label: one value per bin per track (tracks × bins,
/// track-major). Raw outputs: the same layout; Poisson loss exp(o) − y·o (the log-rate form, the
/// constant log y! left out) or squared error, averaged over rows, tracks and bins. Scoring: Score,
/// the predicted values (the rate for Poisson).
/// </summary>
internal sealed class BinnedTracksTask : TrackTask
{
    public BinnedTracksTask(TrackLayout layout, TrackLoss loss) : base(layout)
    {
        LossKind = loss;
        OutputColumns = [new(ProfileOutputColumns.Score, new VectorDataViewType(NumberDataViewType.Single, Outputs))];
    }

    /// <summary>Poisson or squared error.</summary>
    public TrackLoss LossKind { get; }

    public override CnnTaskKind Kind => CnnTaskKind.BinnedTracks;
    public override int Outputs => Layout.Tracks * Layout.Positions;
    protected override string ValueName => "bin";
    protected override bool CountsOnly => LossKind == TrackLoss.Poisson;

    public override Tensor Loss(Tensor outputs, Tensor labels)
    {
        if (LossKind == TrackLoss.Mse) return nn.functional.mse_loss(outputs, labels);
        using var scope = NewDisposeScope();
        return (outputs.exp() - labels * outputs).mean().MoveToOuterDisposeScope();
    }

    public override (string Name, bool HigherIsBetter) Metric => (LossKind == TrackLoss.Poisson ? "poissonLoss" : "mse", false);

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    internal override int[]? ReverseStrandOutputOrder => ReverseLabelOrder; // outputs are laid out as the label

    public override Delegate?[] CreateOutputGetters(Func<ReadOnlyMemory<float>> current, IReadOnlyList<bool> active)
    {
        bool poisson = LossKind == TrackLoss.Poisson;
        return [active[0] ? TrackLabels.VectorGetter(current, Outputs, (raw, values) =>
        {
            for (int i = 0; i < values.Length; i++) values[i] = poisson ? MathF.Exp(raw[i]) : raw[i];
        }) : null];
    }
}
