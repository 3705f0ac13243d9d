namespace Cnn.MLNet.Trainers.Tests.Evaluation;

// Pure arithmetic over arrays: no TorchSharp, so no TorchGlobalState collection needed.
// Expected values were worked by hand and checked with numpy / Python's math.lgamma.
public class ProfileMetricsTests
{
    [Fact]
    public void Pearson_and_Spearman_match_hand_computed_values_with_ties()
    {
        // x has a tie (2, 2): ranks 1, 2.5, 2.5, 4; y ranks 1, 3, 2, 4 → ρ = 4.5/√22.5 = 3/√10.
        double[] x = [1, 2, 2, 10], y = [1, 3, 2, 4];
        Assert.Equal(0.8312612469395569, Correlation.Pearson(x, y), 12);
        Assert.Equal(3 / Math.Sqrt(10), Correlation.Spearman(x, y), 12);
        Assert.Equal([1, 2.5, 2.5, 4], Correlation.AverageRanks(x));
        Assert.True(double.IsNaN(Correlation.Pearson([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void Jensen_Shannon_distance_is_0_for_identical_1_for_disjoint_and_matches_scipy_in_between()
    {
        Assert.Equal(0, ProfileDivergence.JensenShannonDistance([2, 6, 0], 8, [0.25f, 0.75f, 0]), 12);
        Assert.Equal(1, ProfileDivergence.JensenShannonDistance([3, 0], 3, [0, 1]), 12);
        // scipy.spatial.distance.jensenshannon([.5, .5], [1, 0], base=2)
        Assert.Equal(0.5579230452841438, ProfileDivergence.JensenShannonDistance([1, 1], 2, [1, 0]), 12);
    }

    [Fact]
    public void Multinomial_nll_includes_the_coefficient_and_matches_the_hand_computed_pmf()
    {
        // P(2, 1, 0 | ½, ¼, ¼) = 3!/(2!·1!·0!) · ½² · ¼ = 0.1875.
        Assert.Equal(-Math.Log(0.1875), ProfileDivergence.MultinomialNll([2, 1, 0], 3, [0.5f, 0.25f, 0.25f]), 6);
        // Fractional counts use ln Γ: −[lnΓ(3) − lnΓ(2.5) − lnΓ(1.5) + 1.5 ln .6 + .5 ln .4].
        Assert.Equal(0.6951372538637928, ProfileDivergence.MultinomialNll([1.5f, 0.5f], 2, [0.6f, 0.4f]), 6);
        Assert.Equal(double.PositiveInfinity, ProfileDivergence.MultinomialNll([1, 1], 2, [1, 0]));
    }

    [Fact]
    public void Log_gamma_matches_python_lgamma()
    {
        Assert.Equal(15.104412573075514, LogGamma.Factorial(10), 10);
        Assert.Equal(0.5723649429247004, LogGamma.Of(0.5), 12);
        Assert.Equal(1.4280723266653883, LogGamma.Of(3.7), 12);
        Assert.Equal(2.2527126517342055, LogGamma.Of(0.1), 12);
        Assert.Equal(5912.128178488163, LogGamma.Of(1001), 8);
        Assert.Equal(0, LogGamma.Factorial(0));
    }

    [Fact]
    public void Average_precision_matches_the_sklearn_definition_with_tied_scores()
    {
        // Thresholds 0.9 (R ⅓, P 1), 0.8 tie (R ⅔, P ⅔), 0.3 (R ⅔), 0.1 (R 1, P ⅗):
        // AP = ⅓·1 + ⅓·⅔ + 0 + ⅓·⅗ = 34/45 (sklearn.metrics.average_precision_score).
        double[] scores = [0.9, 0.8, 0.8, 0.3, 0.1];
        bool[] labels = [true, false, true, false, true];
        Assert.Equal(34.0 / 45, AveragePrecision.Compute(scores, labels)!.Value, 12);
        Assert.Null(AveragePrecision.Compute(scores, [true, true, true, true, true]));
        Assert.Null(AveragePrecision.Compute(scores, [false, false, false, false, false]));
    }

    [Fact]
    public void Perfect_predictions_score_perfectly_and_beat_both_baselines()
    {
        var observed = Observed();
        var metrics = ProfileMetrics.Evaluate(Perfect(observed, isPeak: [true, true, false, false, true, false]));

        Assert.Equal(2, metrics.Tracks.Count);
        foreach (var t in metrics.Tracks)
        {
            Assert.Equal(6, t.Rows);
            Assert.Equal(5, t.ProfileRows); // row 3 has no reads on either track
            Assert.Equal(1, t.CountPearson, 9);
            Assert.Equal(1, t.CountSpearman, 9);
            Assert.Equal(0, t.ProfileJsd, 3); // float probabilities: a hair above 0
            Assert.True(t.ProfileJsd < t.AverageProfileJsd && t.ProfileJsd < t.ShuffledJsd);
            Assert.True(t.ProfileNll < t.AverageProfileNll);
            Assert.True(t.ShuffledCountPearson < t.CountPearson);
            Assert.NotNull(t.PeakAuprc);
        }
        Assert.Equal(1, metrics.CountPearson, 9);
        Assert.True(metrics.ProfileJsd < metrics.AverageProfileJsd);
        Assert.NotNull(metrics.PeakAuprc);
        Assert.Contains("mean", metrics.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Predicting_the_average_profile_scores_the_same_as_the_average_profile_baseline()
    {
        var observed = Observed();
        var average = ProfileMetrics.AverageProfile(observed);
        var predicted = observed.Select(_ => average.Select(p => p.ToArray()).ToArray()).ToArray();
        var logCounts = observed.Select(row => row.Select(_ => 1f).ToArray()).ToArray();
        var metrics = ProfileMetrics.Evaluate(new ProfileEvaluationData(observed, predicted, logCounts));

        foreach (var t in metrics.Tracks)
        {
            Assert.Equal(t.AverageProfileJsd, t.ProfileJsd, 12);
            Assert.Equal(t.AverageProfileNll, t.ProfileNll, 9);
            Assert.Equal(t.ProfileJsd, t.ShuffledJsd, 12); // every row predicts the same profile
            Assert.True(double.IsNaN(t.CountPearson)); // constant predicted counts
            Assert.Null(t.PeakAuprc);
        }
        Assert.True(double.IsNaN(metrics.CountPearson));
    }

    [Fact]
    public void Average_profile_is_the_mean_normalised_profile_over_rows_with_reads()
    {
        float[][][] observed = [[[2, 2]], [[0, 0]], [[3, 0]]];
        var average = ProfileMetrics.AverageProfile(observed);
        Assert.Equal([0.75f, 0.25f], average[0]); // (½ + 1)/2, (½ + 0)/2; the empty row is left out

        // A supplied (training) average is used as given.
        var data = new ProfileEvaluationData(observed, [[[0.5f, 0.5f]], [[0.5f, 0.5f]], [[0.5f, 0.5f]]], [[1f], [0f], [2f]]);
        var supplied = ProfileMetrics.Evaluate(data, new ProfileMetricsOptions { AverageProfile = [[0.5f, 0.5f]] }).Tracks[0];
        Assert.Equal(supplied.ProfileJsd, supplied.AverageProfileJsd, 12);
        Assert.Equal(supplied.ProfileNll, supplied.AverageProfileNll, 12);
    }

    [Fact]
    public void Evaluate_reports_hand_computed_values_for_a_small_example()
    {
        // One track, two rows with reads: [2, 1, 0] predicted (½, ¼, ¼) → NLL −ln 0.1875;
        // [0, 3, 0] predicted (0, 1, 0) → NLL 0 and JSD 0.
        float[][][] observed = [[[2, 1, 0]], [[0, 3, 0]]];
        float[][][] predicted = [[[0.5f, 0.25f, 0.25f]], [[0, 1, 0]]];
        var t = ProfileMetrics.Evaluate(new ProfileEvaluationData(observed, predicted, [[1f], [2f]])).Tracks[0];
        Assert.Equal(-Math.Log(0.1875) / 2, t.ProfileNll, 6);
        Assert.Equal(-Math.Log(0.1875) / 6, t.ProfileNllPerCount, 6); // 6 reads in all
        double jsd0 = ProfileDivergence.JensenShannonDistance([2, 1, 0], 3, [0.5f, 0.25f, 0.25f]);
        Assert.Equal(jsd0 / 2, t.ProfileJsd, 12);
    }

    [Fact]
    public void Shuffled_baseline_is_reproducible_for_a_seed()
    {
        var data = Perfect(Observed(), isPeak: null);
        var a = ProfileMetrics.Evaluate(data, new ProfileMetricsOptions { ShuffleSeed = 7 });
        var b = ProfileMetrics.Evaluate(data, new ProfileMetricsOptions { ShuffleSeed = 7 });
        Assert.Equal(a.ShuffledJsd, b.ShuffledJsd);
        Assert.Equal(a.ShuffledCountPearson, b.ShuffledCountPearson);
        Assert.Null(a.PeakAuprc);
    }

    [Fact]
    public void From_logits_applies_the_softmax()
    {
        float[][][] observed = [[[1, 3]]];
        var data = ProfileEvaluationData.FromLogits(observed, [[[0, MathF.Log(3)]]], [[MathF.Log(5)]]);
        Assert.Equal(0, ProfileMetrics.Evaluate(data).Tracks[0].ProfileJsd, 3);
        var e = Assert.Throws<ArgumentException>(() => ProfileEvaluationData.FromLogits(observed, [[[0, float.NaN]]], [[1f]]));
        Assert.Contains("predictedLogits[0][0][1]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => ProfileEvaluationData.FromLogits(observed, [[[0, 1, 2]]], [[1f]]));
        Assert.Equal("predictedLogits", e.ParamName);
        Assert.Contains("3 positions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_errors_name_what_was_wrong()
    {
        float[][][] observed = [[[1, 0]], [[0, 2]]];
        float[][][] predicted = [[[0.5f, 0.5f]], [[0.5f, 0.5f]]];
        float[][] logCounts = [[1f], [1f]];

        AssertError(() => new ProfileEvaluationData(observed, [[[0.5f, 0.5f]]], logCounts), "predictedProbabilities", "1 rows");
        AssertError(() => new ProfileEvaluationData(observed, predicted, [[1f]]), "predictedLogCounts", "1 rows");
        AssertError(() => new ProfileEvaluationData(observed, predicted, logCounts, [true]), "isPeak", "1 rows");
        AssertError(() => new ProfileEvaluationData(observed, [[[0.5f, 0.5f]], [[1f]]], logCounts), "predictedProbabilities", "predictedProbabilities[1][0] has 1 positions");
        AssertError(() => new ProfileEvaluationData(observed, predicted, [[1f], [1f, 2f]]), "predictedLogCounts", "predictedLogCounts[1] has 2 tracks");
        AssertError(() => new ProfileEvaluationData([[[1, float.NaN]], [[0, 2]]], predicted, logCounts), "observedCounts", "observedCounts[0][0][1] is NaN");
        AssertError(() => new ProfileEvaluationData([[[1, 0]], [[-1, 2]]], predicted, logCounts), "observedCounts", "observedCounts[1][0][0] is -1");
        AssertError(() => new ProfileEvaluationData(observed, predicted, [[1f], [float.NaN]]), "predictedLogCounts", "predictedLogCounts[1][0] is NaN");
        AssertError(() => new ProfileEvaluationData(observed, [[[0.5f, 0.5f]], [[2f, 3f]]], logCounts), "predictedProbabilities", "sums to 5");
        AssertError(() => new ProfileEvaluationData(observed, [[[0.5f, 0.5f]], [[1.5f, -0.5f]]], logCounts), "predictedProbabilities", "predictedProbabilities[1][0][1] is -0.5");
        AssertError(() => new ProfileEvaluationData([], [], []), "observedCounts", "at least one row");
        var data = new ProfileEvaluationData(observed, predicted, logCounts);
        AssertError(() => ProfileMetrics.Evaluate(data, new ProfileMetricsOptions { AverageProfile = [[1f, 0f, 0f]] }), "AverageProfile", "3 positions");
        AssertError(() => ProfileMetrics.Evaluate(data, new ProfileMetricsOptions { AverageProfile = [[0.2f, 0.2f]] }), "AverageProfile", "sums to");
    }

    [Fact]
    public void Binned_metrics_match_hand_computed_values()
    {
        // y = 1, 0, 2; ŷ = 1, 1, 2. Poisson NLL per bin: 1, 1, 2 − 2 ln 2 + ln 2! → mean (4 − ln 2)/3.
        var metrics = BinnedTrackMetrics.Evaluate([[[1, 0, 2], [5, 5, 5]]], [[[1, 1, 2], [1, 2, 3]]]);
        Assert.Equal(2, metrics.Count);
        var t = metrics[0];
        Assert.Equal(3, t.Values);
        Assert.Equal(0.8660254037844387, t.Pearson, 12);
        Assert.Equal(0.7815516536942234, t.Log1pPearson, 12);
        Assert.Equal(1.1022842731466849, t.PoissonNll, 9);
        Assert.Equal(1.0 / 3, t.MeanSquaredError, 12);
        Assert.True(double.IsNaN(metrics[1].Pearson)); // constant observed track

        AssertError(() => BinnedTrackMetrics.Evaluate([[[1, 0]]], [[[1, -1]]]), "predicted", "predicted[0][0][1] is -1");
        AssertError(() => BinnedTrackMetrics.Evaluate([[[1, 0]]], [[[1, 0, 0]]]), "predicted", "3 positions");
        AssertError(() => BinnedTrackMetrics.Evaluate([[[1, 0]]], []), "predicted", "0 rows");
    }

    [Fact]
    public void Count_weight_is_a_tenth_of_the_median_total_with_a_floor_of_one()
    {
        Assert.Equal(2, ProfileLossWeights.CountWeight([5, 30, 10, 2000])); // median (10 + 30)/2 = 20
        Assert.Equal(25, ProfileLossWeights.CountWeight([250, 100, 900]));
        Assert.Equal(1, ProfileLossWeights.CountWeight([1, 2, 3])); // 0.2 → floor
        AssertError(() => ProfileLossWeights.CountWeight([]), "totalCounts", "at least one");
        AssertError(() => ProfileLossWeights.CountWeight([1, -2]), "totalCounts", "Total count 1 is -2");
    }

    private static void AssertError(Func<object> act, string parameter, string text)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => act());
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    // Six rows × two tracks × four positions; row 3 has no reads.
    private static float[][][] Observed() =>
    [
        [[5, 1, 0, 0], [0, 0, 2, 8]],
        [[20, 10, 3, 1], [1, 4, 9, 2]],
        [[0, 1, 0, 0], [0, 0, 0, 1]],
        [[0, 0, 0, 0], [0, 0, 0, 0]],
        [[50, 40, 30, 20], [2, 60, 3, 1]],
        [[1, 0, 0, 2], [3, 0, 0, 0]],
    ];

    private static ProfileEvaluationData Perfect(float[][][] observed, bool[]? isPeak)
    {
        var predicted = observed.Select(row => row.Select(counts =>
        {
            float total = counts.Sum();
            return total == 0 ? counts.Select(_ => 1f / counts.Length).ToArray() : counts.Select(c => c / total).ToArray();
        }).ToArray()).ToArray();
        var logCounts = observed.Select(row => row.Select(counts => MathF.Log(counts.Sum() + 1)).ToArray()).ToArray();
        return new ProfileEvaluationData(observed, predicted, logCounts, isPeak);
    }
}
