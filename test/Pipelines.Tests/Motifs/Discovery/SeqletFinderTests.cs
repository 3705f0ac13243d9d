using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs.Discovery;

public sealed class SeqletFinderTests
{
    [Fact]
    public void The_threshold_is_the_lowest_real_sum_whose_estimated_fdr_meets_the_target()
    {
        // 40 real windows: 30 strong (10 … 39) and 10 weak (0.5 … 5); 40 null windows, one at 12, the rest at most 5.
        var real = Enumerable.Range(10, 30).Select(v => (double)v).Concat(Enumerable.Range(1, 10).Select(v => v * 0.5)).ToArray();
        var nulls = new[] { 12.0 }.Concat(Enumerable.Range(1, 39).Select(v => v * 5.0 / 39)).ToArray();
        // At t = 10: 30 real ≥ t, 1 null ≥ t: FDR (1 + 1) · 1 / 30 = 0.067 > 0.05 … at t = 13: (0 + 1) / 27 = 0.037;
        // at t = 12: (1 + 1) / 28 = 0.071. So 13 is the lowest passing threshold for 0.05,
        Assert.Equal(13, SeqletFinder.Threshold(real, nulls, 0.05));
        // For 0.1, t = 5 passes ((2 + 1) / 31 = 0.097) and t = 4.5 does not ((5 + 1) / 32).
        Assert.Equal(5, SeqletFinder.Threshold(real, nulls, 0.1));
        // Twice as many null windows halve the scale: at t = 10, (2 + 1) · ½ / 30 = 0.05.
        Assert.Equal(10, SeqletFinder.Threshold(real, nulls.Concat(nulls).ToArray(), 0.05));
    }

    [Fact]
    public void Without_enough_real_exceedances_there_is_no_threshold()
    {
        // 10 real windows above every null one: the +1 keeps the FDR at ≥ 1/10 > 0.05.
        var real = Enumerable.Range(100, 10).Select(v => (double)v).ToArray();
        var nulls = Enumerable.Range(0, 10).Select(v => (double)v).ToArray();
        Assert.Equal(double.PositiveInfinity, SeqletFinder.Threshold(real, nulls, 0.05));
        Assert.Equal(100, SeqletFinder.Threshold(real, nulls, 0.1));
        // Only positive sums qualify.
        Assert.Equal(double.PositiveInfinity, SeqletFinder.Threshold([-1, -2], [-5], 0.5));
    }

    [Fact]
    public void Window_sums_add_the_actual_contributions()
    {
        // Sequence A C G T A with hypothetical value (position + 1) · (base + 1): actual = (i + 1)(b_i + 1).
        int[] bases = [0, 1, 2, 3, 0];
        var hyp = new float[20];
        for (int b = 0; b < 4; b++)
            for (int i = 0; i < 5; i++) hyp[b * 5 + i] = (i + 1) * (b + 1);
        var track = new ContributionTrack(ContributionData.OneHot(bases), hyp, 5);
        // Actual: 1, 4, 9, 16, 5.
        Assert.Equal([14.0, 29.0, 30.0], SeqletFinder.WindowSums(track, 3));
        Assert.Empty(SeqletFinder.WindowSums(track, 6));
    }
}
