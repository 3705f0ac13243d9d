using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// BPNet's profile and count task. Label: observed counts, tracks × positions (track-major).
/// Raw outputs: profile logits (tracks × positions) then one log(total + 1) per track.
/// Loss per row: Σ over tracks of the multinomial negative log-likelihood of the observed counts
/// under softmax(logits) (the multinomial coefficient, constant in the weights, left out), plus
/// <see cref="CountWeight"/> × Σ over tracks of (log count − log(total + 1))²; both averaged over
/// rows and tracks. Scoring: Profile (expected counts: probabilities × predicted total),
/// ProfileProbabilities, Count (predicted total) and LogCount.
/// </summary>
internal sealed class ProfileTask : TrackTask
{
    private readonly int[] _reverseOutputs;

    public ProfileTask(TrackLayout layout, float countWeight) : base(layout)
    {
        if (!float.IsFinite(countWeight) || countWeight < 0) throw new ArgumentException($"The count-loss weight must be finite and not negative (was {countWeight}).");
        CountWeight = countWeight;
        _reverseOutputs = layout.ReverseStrandOrder(1);
        int values = layout.Tracks * layout.Positions;
        OutputColumns =
        [
            new(ProfileOutputColumns.Profile, new VectorDataViewType(NumberDataViewType.Single, values)),
            new(ProfileOutputColumns.Probabilities, new VectorDataViewType(NumberDataViewType.Single, values)),
            new(ProfileOutputColumns.Count, new VectorDataViewType(NumberDataViewType.Single, layout.Tracks)),
            new(ProfileOutputColumns.LogCount, new VectorDataViewType(NumberDataViewType.Single, layout.Tracks)),
        ];
    }

    /// <summary>λ, the weight of the count loss against the profile loss.</summary>
    public float CountWeight { get; }

    public override CnnTaskKind Kind => CnnTaskKind.Profile;
    public override int Outputs => Layout.Tracks * (Layout.Positions + 1);
    protected override string ValueName => "position";
    protected override bool CountsOnly => true;

    public override Tensor Loss(Tensor outputs, Tensor labels)
    {
        using var scope = NewDisposeScope();
        int t = Layout.Tracks, p = Layout.Positions;
        var logits = outputs.narrow(1, 0, t * p).view(-1, t, p);
        var counts = labels.view(-1, t, p);
        var profileNll = (counts * nn.functional.log_softmax(logits, 2)).sum([2]).mean().neg();
        var difference = outputs.narrow(1, t * p, t) - counts.sum([2]).log1p();
        var countMse = (difference * difference).mean();
        using var weight = CountWeight.ToScalar();
        return profileNll.add(countMse, weight).MoveToOuterDisposeScope();
    }

    public override (string Name, bool HigherIsBetter) Metric => ("profileLoss", false);

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    internal override int[]? ReverseStrandOutputOrder => _reverseOutputs;

    public override Delegate?[] CreateOutputGetters(Func<ReadOnlyMemory<float>> current, IReadOnlyList<bool> active)
    {
        int t = Layout.Tracks, p = Layout.Positions;
        return
        [
            active[0] ? TrackLabels.VectorGetter(current, t * p, (raw, values) => Expected(raw, values, t, p)) : null,
            active[1] ? TrackLabels.VectorGetter(current, t * p, (raw, values) => Softmax(raw, values, t, p)) : null,
            active[2] ? TrackLabels.VectorGetter(current, t, (raw, values) => { for (int k = 0; k < t; k++) values[k] = TotalOf(raw[t * p + k]); }) : null,
            active[3] ? TrackLabels.VectorGetter(current, t, (raw, values) => raw.Slice(t * p, t).CopyTo(values)) : null,
        ];
    }

    /// <summary>The predicted total from a predicted log(total + 1); never negative.</summary>
    internal static float TotalOf(float logCount) => MathF.Max(MathF.Exp(logCount) - 1, 0);

    private static void Expected(ReadOnlySpan<float> raw, Span<float> values, int t, int p)
    {
        Softmax(raw, values, t, p);
        for (int k = 0; k < t; k++)
        {
            float total = TotalOf(raw[t * p + k]);
            foreach (ref float v in values.Slice(k * p, p)) v *= total;
        }
    }

    // Per track, a softmax over the positions' logits.
    private static void Softmax(ReadOnlySpan<float> raw, Span<float> values, int t, int p)
    {
        for (int k = 0; k < t; k++) MulticlassClassificationTask.Softmax(raw.Slice(k * p, p), values.Slice(k * p, p));
    }
}

/// <summary>The scoring columns of profile and binned-track models.</summary>
public static class ProfileOutputColumns
{
    /// <summary>Predicted counts per position (probabilities × predicted total), tracks × positions, track-major.</summary>
    public const string Profile = "Profile";
    /// <summary>Predicted probabilities per position, each track summing to 1.</summary>
    public const string Probabilities = "ProfileProbabilities";
    /// <summary>Predicted total count per track.</summary>
    public const string Count = "Count";
    /// <summary>Predicted log(total + 1) per track (the count head's raw output).</summary>
    public const string LogCount = "LogCount";
    /// <summary>Binned models: the predicted value per bin per track, track-major.</summary>
    public const string Score = "Score";
}
