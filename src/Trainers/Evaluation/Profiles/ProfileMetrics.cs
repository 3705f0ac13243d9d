using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Metrics of a BPNet/ChromBPNet-style profile model, per track and as the mean over tracks: how
/// well the count head ranks and scales totals (Pearson, Spearman, peak auPRC), how close the
/// profile head's shapes are (Jensen–Shannon distance, multinomial NLL), and the same numbers for
/// two baselines a useful model must beat — the average profile predicted everywhere, and
/// predictions shuffled across rows. Pure arithmetic over arrays (no tensors), in double precision.
/// </summary>
public sealed class ProfileMetrics
{
    private ProfileMetrics(IReadOnlyList<ProfileTrackMetrics> tracks) => Tracks = tracks;

    /// <summary>Every track, in order.</summary>
    public IReadOnlyList<ProfileTrackMetrics> Tracks { get; }

    /// <summary>Mean <see cref="ProfileTrackMetrics.CountPearson"/> over tracks (NaN tracks left out; NaN when none is left).</summary>
    public double CountPearson => Mean(t => t.CountPearson);

    /// <summary>Mean <see cref="ProfileTrackMetrics.CountSpearman"/> over tracks.</summary>
    public double CountSpearman => Mean(t => t.CountSpearman);

    /// <summary>Mean <see cref="ProfileTrackMetrics.ProfileJsd"/> over tracks.</summary>
    public double ProfileJsd => Mean(t => t.ProfileJsd);

    /// <summary>Mean <see cref="ProfileTrackMetrics.ProfileNll"/> over tracks.</summary>
    public double ProfileNll => Mean(t => t.ProfileNll);

    /// <summary>Mean <see cref="ProfileTrackMetrics.ProfileNllPerCount"/> over tracks.</summary>
    public double ProfileNllPerCount => Mean(t => t.ProfileNllPerCount);

    /// <summary>Mean <see cref="ProfileTrackMetrics.PeakAuprc"/> over the tracks that have one; null when none has.</summary>
    public double? PeakAuprc
    {
        get
        {
            var values = Tracks.Where(t => t.PeakAuprc.HasValue).Select(t => t.PeakAuprc!.Value).ToList();
            return values.Count == 0 ? null : values.Average();
        }
    }

    /// <summary>Mean <see cref="ProfileTrackMetrics.AverageProfileJsd"/> over tracks.</summary>
    public double AverageProfileJsd => Mean(t => t.AverageProfileJsd);

    /// <summary>Mean <see cref="ProfileTrackMetrics.AverageProfileNll"/> over tracks.</summary>
    public double AverageProfileNll => Mean(t => t.AverageProfileNll);

    /// <summary>Mean <see cref="ProfileTrackMetrics.ShuffledJsd"/> over tracks.</summary>
    public double ShuffledJsd => Mean(t => t.ShuffledJsd);

    /// <summary>Mean <see cref="ProfileTrackMetrics.ShuffledCountPearson"/> over tracks.</summary>
    public double ShuffledCountPearson => Mean(t => t.ShuffledCountPearson);

    // NaN means "undefined for this track" (constant counts, no profile rows); +∞ (an impossible count) is kept.
    private double Mean(Func<ProfileTrackMetrics, double> value)
    {
        var values = Tracks.Select(value).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    /// <summary>Evaluates a profile model's predictions against the observed counts.</summary>
    /// <param name="data">Observed counts, predicted probabilities and log counts, optional peak labels (checked when built).</param>
    /// <param name="options">Baseline settings; null for the defaults (seed 0, average profile of the evaluated rows).</param>
    /// <exception cref="ArgumentException"><see cref="ProfileMetricsOptions.AverageProfile"/> is not one probability profile per track of the data's length.</exception>
    public static ProfileMetrics Evaluate(ProfileEvaluationData data, ProfileMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ProfileMetricsOptions();
        float[][] average;
        if (options.AverageProfile is { } supplied)
        {
            average = ProfileEvaluationData.CheckShape(supplied, nameof(ProfileMetricsOptions.AverageProfile), "", data.Tracks, data.Positions);
            for (int t = 0; t < data.Tracks; t++)
                ProfileEvaluationData.CheckProbabilities(average[t], nameof(ProfileMetricsOptions.AverageProfile), $"[{t}]");
        }
        else
        {
            average = AverageProfile(data.ObservedCounts);
        }
        var permutation = Permutation(data.Rows, options.ShuffleSeed);
        return new ProfileMetrics(Enumerable.Range(0, data.Tracks).Select(t => Track(data, t, average[t], permutation)).ToList());
    }

    /// <summary>
    /// The mean normalised profile per track, [track][position]: each row's counts divided by its
    /// total, averaged over the rows whose total is above 0 (so deep windows do not dominate). Pass
    /// the training rows' average as <see cref="ProfileMetricsOptions.AverageProfile"/>. A track
    /// without any counts gets the uniform profile.
    /// </summary>
    /// <param name="observedCounts">[row][track][position] counts: finite, not negative, all rows the same shape.</param>
    /// <exception cref="ArgumentException">No rows, sizes that disagree, or a count that is negative, NaN or infinite.</exception>
    public static float[][] AverageProfile(float[][][] observedCounts)
    {
        ArgumentNullException.ThrowIfNull(observedCounts);
        if (observedCounts.Length == 0)
            throw new ArgumentException("The average profile needs at least one row of observed counts.", nameof(observedCounts));
        int tracks = observedCounts[0]?.Length ?? 0, positions = tracks > 0 ? observedCounts[0][0]?.Length ?? 0 : 0;
        if (tracks == 0 || positions == 0)
            throw new ArgumentException("observedCounts[0] has no tracks or no positions.", nameof(observedCounts));
        var sums = new double[tracks][];
        var rows = new int[tracks];
        for (int t = 0; t < tracks; t++) sums[t] = new double[positions];
        for (int row = 0; row < observedCounts.Length; row++)
        {
            var block = ProfileEvaluationData.CheckShape(observedCounts[row], nameof(observedCounts), $"[{row}]", tracks, positions);
            for (int t = 0; t < tracks; t++)
            {
                for (int i = 0; i < positions; i++)
                    if (!float.IsFinite(block[t][i]) || block[t][i] < 0)
                        throw new ArgumentException($"observedCounts[{row}][{t}][{i}] is {block[t][i]}; counts must be finite and not negative.", nameof(observedCounts));
                double total = ProfileDivergence.Total(block[t]);
                if (total <= 0) continue;
                rows[t]++;
                for (int i = 0; i < positions; i++) sums[t][i] += block[t][i] / total;
            }
        }
        return sums.Select((sum, t) => sum.Select(s => rows[t] == 0 ? 1f / positions : (float)(s / rows[t])).ToArray()).ToArray();
    }

    private static ProfileTrackMetrics Track(ProfileEvaluationData data, int t, float[] average, int[] permutation)
    {
        int n = data.Rows;
        var observedLog = new double[n];
        var predictedLog = new double[n];
        var shuffledLog = new double[n];
        var totals = new double[n];
        for (int row = 0; row < n; row++)
        {
            totals[row] = ProfileDivergence.Total(data.ObservedCounts[row][t]);
            observedLog[row] = Math.Log(totals[row] + 1);
            predictedLog[row] = data.PredictedLogCounts[row][t];
        }
        for (int row = 0; row < n; row++) shuffledLog[row] = predictedLog[permutation[row]];

        int profileRows = 0;
        double jsd = 0, nll = 0, counted = 0, averageJsd = 0, averageNll = 0, shuffledJsd = 0;
        for (int row = 0; row < n; row++)
        {
            if (totals[row] <= 0) continue; // no observed profile to compare
            var counts = data.ObservedCounts[row][t];
            profileRows++;
            counted += totals[row];
            jsd += ProfileDivergence.JensenShannonDistance(counts, totals[row], data.PredictedProbabilities[row][t]);
            nll += ProfileDivergence.MultinomialNll(counts, totals[row], data.PredictedProbabilities[row][t]);
            averageJsd += ProfileDivergence.JensenShannonDistance(counts, totals[row], average);
            averageNll += ProfileDivergence.MultinomialNll(counts, totals[row], average);
            shuffledJsd += ProfileDivergence.JensenShannonDistance(counts, totals[row], data.PredictedProbabilities[permutation[row]][t]);
        }
        double PerRow(double sum) => profileRows == 0 ? double.NaN : sum / profileRows;

        double? auprc = data.IsPeak is { } peaks ? AveragePrecision.Compute(predictedLog, peaks) : null;
        return new ProfileTrackMetrics(t, n, profileRows,
            Correlation.Pearson(observedLog, predictedLog), Correlation.Spearman(observedLog, predictedLog),
            PerRow(jsd), PerRow(nll), profileRows == 0 ? double.NaN : nll / counted,
            auprc,
            PerRow(averageJsd), PerRow(averageNll),
            PerRow(shuffledJsd), Correlation.Pearson(observedLog, shuffledLog));
    }

    // Fisher–Yates with a seeded System.Random: reproducible, and the same pairing for every track.
    // It may leave a few rows in place (it is not a derangement); with many rows that barely matters.
    private static int[] Permutation(int rows, int seed)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, rows).ToArray();
        for (int i = rows - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// A plain-text table, one line per track and one for the mean: the model's numbers with the
    /// baselines beside them (avg = average profile, shuf = shuffled), invariant culture.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine("track   rows  count r  count rho  peak AP |   JSD  avg JSD shuf JSD |     NLL  avg NLL  NLL/read | shuf r");
        foreach (var t in Tracks)
            Line(text, t.Track.ToString(CultureInfo.InvariantCulture), t.Rows.ToString(CultureInfo.InvariantCulture), t.CountPearson, t.CountSpearman, t.PeakAuprc,
                t.ProfileJsd, t.AverageProfileJsd, t.ShuffledJsd, t.ProfileNll, t.AverageProfileNll, t.ProfileNllPerCount, t.ShuffledCountPearson);
        Line(text, "mean", "", CountPearson, CountSpearman, PeakAuprc, ProfileJsd, AverageProfileJsd, ShuffledJsd, ProfileNll, AverageProfileNll, ProfileNllPerCount, ShuffledCountPearson);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string track, string rows, double r, double rho, double? ap,
        double jsd, double averageJsd, double shuffledJsd, double nll, double averageNll, double nllPerCount, double shuffledR)
    {
        static string F(double v, int width, string format) => v.ToString(format, CultureInfo.InvariantCulture).PadLeft(width);
        text.Append(track.PadRight(5)).Append(rows.PadLeft(7))
            .Append(F(r, 9, "F3")).Append(F(rho, 11, "F3")).Append(ap is { } a ? F(a, 9, "F3") : "        -")
            .Append(" |").Append(F(jsd, 6, "F3")).Append(F(averageJsd, 9, "F3")).Append(F(shuffledJsd, 9, "F3"))
            .Append(" |").Append(F(nll, 8, "F1")).Append(F(averageNll, 9, "F1")).Append(F(nllPerCount, 10, "F3"))
            .Append(" |").Append(F(shuffledR, 7, "F3")).AppendLine();
    }
}
