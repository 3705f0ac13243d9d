namespace Cnn.MLNet.Genomics.Tests.Negatives;

/// <summary><see cref="GcMatchedOptions.Exclude"/>: no background interval shares a base with a blacklisted region, over many seeds.</summary>
public class GcMatchedExclusionTests
{
    private const int Length = 100;

    private static readonly IReadOnlyDictionary<string, byte[]> Genome = BuildGenome();

    // Every tenth kilobase of both chromosomes, plus regions touching the windows' edges and one off the genome.
    private static readonly (string Chromosome, long Start, long End)[] Blacklist =
        [.. Enumerable.Range(0, 40).Select(i => ("chr1", i * 10_000L, i * 10_000L + 3_000)),
         .. Enumerable.Range(0, 20).Select(i => ("chr2", i * 10_000L + 5_000, i * 10_000L + 5_001)),
         ("chrUn_gl000220", 0, 1_000_000)];

    private static readonly (string Chromosome, long Start, long End)[] Positives =
        [.. Enumerable.Range(0, 30).Select(i => ("chr1", i * 13_000L + 4_000, i * 13_000L + 4_200))];

    private static Dictionary<string, byte[]> BuildGenome()
    {
        var random = new Random(3);
        return new Dictionary<string, byte[]>
        {
            ["chr1"] = Enumerable.Range(0, 400_000).Select(_ => (byte)"ACGT"[random.Next(4)]).ToArray(),
            ["chr2"] = Enumerable.Range(0, 200_000).Select(_ => (byte)"ACGT"[random.Next(4)]).ToArray(),
        };
    }

    [Fact]
    public void Background_never_overlaps_the_blacklist_and_rejected_draws_are_counted()
    {
        var exclude = new ExcludedRegions(Blacklist);
        long rejected = 0;
        for (int seed = 1; seed <= 20; seed++)
        {
            var sample = GcMatchedBackground.SampleArrays(Genome, Positives, Length, count: 60, seed: seed, new GcMatchedOptions { Exclude = exclude, Bins = 5 });

            Assert.Equal(60, sample.Intervals.Count);
            foreach (var interval in sample.Intervals)
            {
                Assert.DoesNotContain(Blacklist, r => r.Chromosome == interval.Chromosome && r.Start < interval.End && interval.Start < r.End);
            }
            Assert.InRange(sample.Report.ExcludedDraws, 0, sample.Report.Attempts - 60);
            rejected += sample.Report.ExcludedDraws;
        }
        // About 30% of chr1 is blacklisted, so over 1,200 accepted intervals hundreds of draws must have been rejected.
        Assert.True(rejected > 100, $"only {rejected} draws rejected");
        Assert.Equal(1_000_000, Blacklist[^1].End);   // the off-genome region is simply never met
    }

    [Fact]
    public void Without_exclusion_no_draw_is_counted_as_excluded()
    {
        var sample = GcMatchedBackground.SampleArrays(Genome, Positives, Length, count: 60, seed: 1, new GcMatchedOptions { Bins = 5 });

        Assert.Equal(0, sample.Report.ExcludedDraws);
    }
}
