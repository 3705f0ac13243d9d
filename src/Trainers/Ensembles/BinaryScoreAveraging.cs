using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Binary members: Probability = the mean of the members' probabilities; Score = the logit of that
/// mean, so Score and Probability stay each other's sigmoid as in a single model; PredictedLabel =
/// Score &gt; 0, i.e. mean probability &gt; ½ (a single model's rule).
/// </summary>
/// <remarks>
/// The logit of the mean is computed from the members' logits in double precision, as
/// log Σ σ(sᵢ) − log Σ σ(−sᵢ) with log σ(s) = −softplus(−s) and a stable log-sum-exp: a member whose
/// probability rounds to exactly 1 in float (logit above about 17) would make log(p / (1 − p))
/// infinite, while this stays finite whenever the members' logits are.
/// </remarks>
internal sealed class BinaryScoreAveraging : ScoreAveraging
{
    public override CnnTaskKind Task => CnnTaskKind.BinaryClassification;

    public override IReadOnlyList<string> MemberColumns { get; } = ["Score", "Probability"];

    public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; } =
    [
        new("Score", NumberDataViewType.Single),
        new("Probability", NumberDataViewType.Single),
        new("PredictedLabel", BooleanDataViewType.Instance),
    ];

    public override Delegate?[] CreateGetters(IReadOnlyList<DataViewRow> members, IReadOnlyList<bool> active)
    {
        var logits = MemberGetters<float>(members, "Score");
        var probabilities = MemberGetters<float>(members, "Probability");
        var values = new float[members.Count];
        float ReadLogitOfMean()
        {
            for (int i = 0; i < values.Length; i++) logits[i](ref values[i]);
            return LogitOfMeanProbability(values);
        }
        return
        [
            active[0] ? (ValueGetter<float>)((ref float value) => value = ReadLogitOfMean()) : null,
            active[1] ? (ValueGetter<float>)((ref float value) =>
            {
                double sum = 0;
                for (int i = 0; i < values.Length; i++)
                {
                    probabilities[i](ref values[i]);
                    sum += values[i];
                }
                value = (float)(sum / values.Length);
            }) : null,
            active[2] ? (ValueGetter<bool>)((ref bool value) => value = ReadLogitOfMean() > 0) : null,
        ];
    }

    /// <summary>logit(mean σ(sᵢ)), in double, rounded once to float.</summary>
    internal static float LogitOfMeanProbability(ReadOnlySpan<float> logits)
    {
        // log mean σ(s) − log mean σ(−s); the 1/n cancels.
        return (float)(LogSumExpOfLogSigmoid(logits, sign: 1) - LogSumExpOfLogSigmoid(logits, sign: -1));
    }

    private static double LogSumExpOfLogSigmoid(ReadOnlySpan<float> logits, int sign)
    {
        double max = double.NegativeInfinity;
        foreach (float s in logits) max = Math.Max(max, LogSigmoid(sign * (double)s));
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (float s in logits) sum += Math.Exp(LogSigmoid(sign * (double)s) - max);
        return max + Math.Log(sum);
    }

    // log σ(x) = −softplus(−x) = −(max(−x, 0) + log(1 + e^−|x|)), stable for any x.
    private static double LogSigmoid(double x) => -(Math.Max(-x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));
}
