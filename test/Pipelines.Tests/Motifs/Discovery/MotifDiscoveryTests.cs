using System.Diagnostics;
using Cnn.MLNet.Interpretation;
using Xunit.Abstractions;

namespace Cnn.MLNet.Pipelines.Tests.Motifs.Discovery;

/// <summary>Discovery on synthetic tracks with two planted positive motifs (A 10 bp, B 20 bp, both strands) and one negative (C 12 bp).</summary>
public sealed class MotifDiscoveryTests(ITestOutputHelper output)
{
    private static readonly Lazy<(ContributionData Data, MotifDiscoveryResult Result, TimeSpan Time)> Planted = new(() =>
    {
        var data = ContributionData.Generate(600, seed: 7);
        var clock = Stopwatch.StartNew();
        var result = MotifDiscovery.Discover(data.Tracks, data.NullTracks);
        return (data, result, clock.Elapsed);
    });

    private void Describe(MotifDiscoveryResult result)
    {
        output.WriteLine($"thresholds +{result.PositiveThreshold:G4} / {result.NegativeThreshold:G4}; seqlets +{result.PositiveSeqletCount} −{result.NegativeSeqletCount}; dropped at edges {result.SeqletsDroppedAtEdges}; unassigned {result.UnassignedSeqletCount}");
        foreach (var p in result.Patterns)
            output.WriteLine($"{p}: A {Score(p, ContributionData.MotifA)}, B {Score(p, ContributionData.MotifB)}, C {Score(p, ContributionData.MotifC)}");
    }

    private static string Score(DiscoveredPattern p, Motif m)
    {
        var match = MotifComparison.Compare(p.Pwm, m);
        return $"{match.Score:F3} over {match.Overlap}";
    }

    private static int Planted_count(ContributionData data, string motif) => data.Sites.Count(s => s.Motif == motif);

    [Fact]
    public void The_two_planted_motifs_are_the_only_positive_patterns_and_match_their_pwms()
    {
        var (data, result, time) = Planted.Value;
        output.WriteLine($"discovery took {time.TotalSeconds:F2} s; planted A {Planted_count(data, "A")}, B {Planted_count(data, "B")}, C {Planted_count(data, "C")}");
        Describe(result);

        var positive = result.PositivePatterns;
        Assert.Equal(2, positive.Count);
        Assert.Equal(["pos_pattern_0", "pos_pattern_1"], positive.Select(p => p.Id));
        Assert.True(positive[0].SeqletCount >= positive[1].SeqletCount);

        var a = Assert.Single(positive, p => MotifComparison.Compare(p.Pwm, ContributionData.MotifA).Score >= 0.8 && MotifComparison.Compare(p.Pwm, ContributionData.MotifA).Overlap >= 8);
        var b = Assert.Single(positive, p => MotifComparison.Compare(p.Pwm, ContributionData.MotifB).Score >= 0.8 && MotifComparison.Compare(p.Pwm, ContributionData.MotifB).Overlap >= 16);
        Assert.NotSame(a, b);
        Assert.All(positive, p => Assert.Equal(1, p.Sign));
        Assert.All(positive, p => Assert.Equal(p.SeqletCount, p.Pwm.Sites));

        // Seqlet counts near the planted numbers: nearly every site found, no site counted twice.
        int plantedA = Planted_count(data, "A"), plantedB = Planted_count(data, "B");
        Assert.InRange(a.SeqletCount, (int)(0.85 * plantedA), plantedA);
        Assert.InRange(b.SeqletCount, (int)(0.85 * plantedB), plantedB);
    }

    [Fact]
    public void Motif_A_on_both_strands_forms_one_pattern_aligned_to_the_planted_sites()
    {
        var (data, result, _) = Planted.Value;
        var a = result.PositivePatterns.Single(p => MotifComparison.Compare(p.Pwm, ContributionData.MotifA).Score >= 0.8);
        var sites = data.Sites.Where(s => s.Motif == "A").ToDictionary(s => s.Track);

        var members = a.Seqlets.Where(s => sites.ContainsKey(s.TrackIndex)).ToList();
        Assert.True(members.Count >= 0.95 * a.SeqletCount, $"{a.SeqletCount - members.Count} of {a.SeqletCount} seqlets are not at a planted A site");
        Assert.Contains(members, s => sites[s.TrackIndex].Strand == '+');
        Assert.Contains(members, s => sites[s.TrackIndex].Strand == '-');

        // One orientation for all: the pattern's strand relative to the planted strand is the same
        // for (nearly) every seqlet, and so is the position of the pattern over the site.
        var relation = members.GroupBy(s => s.Strand == sites[s.TrackIndex].Strand).OrderByDescending(g => g.Count()).First();
        Assert.True(relation.Count() >= 0.95 * members.Count, $"only {relation.Count()} of {members.Count} seqlets share one orientation relative to the planted site");
        var offsets = members.Select(s => s.Strand == sites[s.TrackIndex].Strand == relation.Key
            ? OffsetOnSite(s, sites[s.TrackIndex], a.Width) : int.MinValue).ToList();
        int mode = offsets.GroupBy(o => o).OrderByDescending(g => g.Count()).First().Key;
        Assert.True(offsets.Count(o => o == mode) >= 0.95 * members.Count, "the pattern does not sit at one offset over the planted sites");
    }

    /// <summary>Where the pattern's first position falls on the site, counted in the site's own orientation.</summary>
    private static int OffsetOnSite(AlignedSeqlet s, PlantedSite site, int width) => site.Strand == '+'
        ? (s.Strand == '+' ? s.Start - site.Start : (s.Start + width) - (site.Start + site.Width))
        : (s.Strand == '-' ? (site.Start + site.Width) - (s.Start + width) : site.Start - s.Start);

    [Fact]
    public void A_negative_planted_motif_is_one_negative_pattern()
    {
        var (data, result, _) = Planted.Value;
        var negative = Assert.Single(result.NegativePatterns);
        Assert.Equal("neg_pattern_0", negative.Id);
        Assert.Equal(-1, negative.Sign);
        var match = MotifComparison.Compare(negative.Pwm, ContributionData.MotifC);
        Assert.True(match.Score >= 0.8 && match.Overlap >= 10, $"C matched with {match.Score:F3} over {match.Overlap}");
        int plantedC = Planted_count(data, "C");
        Assert.InRange(negative.SeqletCount, (int)(0.85 * plantedC), plantedC);
        var cwm = negative.Cwm;
        double total = 0;
        foreach (double v in cwm) total += v;
        Assert.True(total < 0, $"the negative pattern's CWM sums to {total}");
        Assert.All(negative.Seqlets, s => Assert.True(s.Seqlet.Contribution <= result.NegativeThreshold));
    }

    [Fact]
    public void Every_seqlet_passed_the_reported_threshold_and_the_null_stays_within_the_target_fdr()
    {
        var (data, result, _) = Planted.Value;
        Assert.True(double.IsFinite(result.PositiveThreshold) && result.PositiveThreshold > 0);
        Assert.True(double.IsFinite(result.NegativeThreshold) && result.NegativeThreshold < 0);
        Assert.All(result.Seqlets, s => Assert.True(s.Contribution >= result.PositiveThreshold || s.Contribution <= result.NegativeThreshold));
        Assert.Equal(result.Seqlets.Count, result.PositiveSeqletCount + result.NegativeSeqletCount);

        var options = new MotifDiscoveryOptions();
        var real = data.Tracks.SelectMany(t => SeqletFinder.WindowSums(t, options.WindowSize)).ToArray();
        var nulls = data.NullTracks.SelectMany(t => SeqletFinder.WindowSums(t, options.WindowSize)).ToArray();
        double scale = (double)real.Length / nulls.Length;
        double fdr = (nulls.Count(v => v >= result.PositiveThreshold) + 1) * scale / real.Count(v => v >= result.PositiveThreshold);
        Assert.InRange(fdr, 0, options.TargetFdr);
        double negativeFdr = (nulls.Count(v => v <= result.NegativeThreshold) + 1) * scale / real.Count(v => v <= result.NegativeThreshold);
        Assert.InRange(negativeFdr, 0, options.TargetFdr);
        // The lowest such threshold: the next lower real window sum no longer qualifies… or is not above 0.
        double below = real.Where(v => v < result.PositiveThreshold && v > 0).DefaultIfEmpty(0).Max();
        if (below > 0)
        {
            double lowerFdr = (nulls.Count(v => v >= below) + 1) * scale / real.Count(v => v >= below);
            Assert.True(lowerFdr > options.TargetFdr);
        }
    }

    [Fact]
    public void Pure_noise_gives_no_patterns_and_almost_no_seqlets()
    {
        var data = ContributionData.Generate(400, seed: 8, plant: false);
        var result = MotifDiscovery.Discover(data.Tracks, data.NullTracks);
        Describe(result);
        Assert.Empty(result.Patterns);
        Assert.True(result.Seqlets.Count <= 3, $"{result.Seqlets.Count} seqlets in pure noise");
    }

    [Fact]
    public void A_small_clustering_cap_still_finds_both_motifs_and_assigns_every_site()
    {
        var (data, full, _) = Planted.Value;
        var capped = MotifDiscovery.Discover(data.Tracks, data.NullTracks, new MotifDiscoveryOptions { MaxSeqletsForClustering = 120 });
        Describe(capped);
        Assert.Equal(2, capped.PositivePatterns.Count);
        foreach (var (motif, minOverlap) in new[] { (ContributionData.MotifA, 8), (ContributionData.MotifB, 16) })
        {
            var pattern = Assert.Single(capped.PositivePatterns, p => MotifComparison.Compare(p.Pwm, motif).Score >= 0.8);
            Assert.True(MotifComparison.Compare(pattern.Pwm, motif).Overlap >= minOverlap);
            var uncapped = full.PositivePatterns.Single(p => MotifComparison.Compare(p.Pwm, motif).Score >= 0.8);
            Assert.InRange(pattern.SeqletCount, (int)(0.95 * uncapped.SeqletCount), uncapped.SeqletCount + 5);
        }
    }

    [Fact]
    public void Two_thousand_sequences_take_well_under_a_minute_with_the_default_clustering_cap()
    {
        var data = ContributionData.Generate(2000, seed: 12);
        var clock = Stopwatch.StartNew();
        var result = MotifDiscovery.Discover(data.Tracks, data.NullTracks);
        var time = clock.Elapsed;
        output.WriteLine($"2,000 × 200 bp: {time.TotalSeconds:F2} s");
        Describe(result);
        // More seqlets of one sign than the clustering cap: seeds come from a subsample, every seqlet is assigned.
        Assert.True(result.PositiveSeqletCount > new MotifDiscoveryOptions().MaxSeqletsForClustering);
        Assert.True(time < TimeSpan.FromSeconds(60), $"discovery took {time.TotalSeconds:F1} s");
        Assert.Equal(2, result.PositivePatterns.Count);
        Assert.Single(result.PositivePatterns, p => MotifComparison.Compare(p.Pwm, ContributionData.MotifA).Score >= 0.8);
        Assert.Single(result.PositivePatterns, p => MotifComparison.Compare(p.Pwm, ContributionData.MotifB).Score >= 0.8);
        var negative = Assert.Single(result.NegativePatterns);
        Assert.True(MotifComparison.Compare(negative.Pwm, ContributionData.MotifC).Score >= 0.8);
        int planted = data.Sites.Count(s => s.Motif != "C");
        Assert.InRange(result.PositivePatterns.Sum(p => p.SeqletCount), (int)(0.85 * planted), planted);
    }

    [Fact]
    public void Discovery_is_deterministic()
    {
        var data = ContributionData.Generate(200, seed: 9);
        var first = MotifDiscovery.Discover(data.Tracks, data.NullTracks);
        var second = MotifDiscovery.Discover(data.Tracks, data.NullTracks);
        Assert.NotEmpty(first.Patterns);
        Assert.Equal(first.PositiveThreshold, second.PositiveThreshold);
        Assert.Equal(first.Seqlets, second.Seqlets);
        Assert.Equal(first.Patterns.Count, second.Patterns.Count);
        for (int k = 0; k < first.Patterns.Count; k++)
        {
            Assert.Equal(first.Patterns[k].Seqlets, second.Patterns[k].Seqlets);
            Assert.Equal(first.Patterns[k].Cwm, second.Patterns[k].Cwm);
            Assert.Equal(first.Patterns[k].Pwm.ToMatrix(), second.Patterns[k].Pwm.ToMatrix());
        }
    }
}
