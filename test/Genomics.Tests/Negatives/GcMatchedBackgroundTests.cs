using System.Text;

namespace Cnn.MLNet.Genomics.Tests.Negatives;

public class GcMatchedBackgroundTests
{
    private const int Length = 200;

    /// <summary>chr1: GC-rich first half (0.7), AT-rich second half (0.3); chr2: GC 0.5 with an N block and soft-masked stretch; chr3: too short for a window.</summary>
    private static readonly IReadOnlyDictionary<string, byte[]> Genome = BuildGenome();

    /// <summary>70 peaks in chr1's GC-rich half, 30 spread over the rest, so the positives are GC-richer than the genome.</summary>
    private static readonly IReadOnlyList<(string Chromosome, long Start, long End)> Positives = BuildPositives();

    [Fact]
    public void Intervals_have_the_length_and_count_lie_inside_chromosomes_and_keep_clear_of_positives_and_each_other()
    {
        var sample = GcMatchedBackground.SampleArrays(Genome, Positives, Length, seed: 3);

        Assert.Equal(Positives.Count, sample.Intervals.Count);
        foreach (var interval in sample.Intervals)
        {
            Assert.Equal(Length, interval.Length);
            Assert.InRange(interval.Start, 0, Genome[interval.Chromosome].LongLength - Length);
            Assert.DoesNotContain(Positives, p => p.Chromosome == interval.Chromosome
                && p.Start - Length < interval.End && p.End + Length > interval.Start); // default margin = length
            var window = Genome[interval.Chromosome].AsSpan((int)interval.Start, Length);
            var (gc, called) = GcContent.Count(window);
            Assert.True(Length - called <= 0.1 * Length, $"{interval} has {Length - called} unknown bases");
            Assert.Equal((double)gc / called, interval.Gc, 12);
        }
        var ordered = sample.Intervals.OrderBy(i => i.Chromosome, StringComparer.Ordinal).ThenBy(i => i.Start).ToList();
        for (int i = 1; i < ordered.Count; i++)
            if (ordered[i].Chromosome == ordered[i - 1].Chromosome) Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{ordered[i - 1]} overlaps {ordered[i]}");
    }

    [Fact]
    public void Gc_histogram_matches_the_positives_bin_for_bin()
    {
        var sample = GcMatchedBackground.SampleArrays(Genome, Positives, Length, seed: 3);
        var report = sample.Report;

        Assert.Equal(20, report.Bins.Count);
        Assert.All(report.Bins, b => { Assert.Equal(b.Positives, b.Quota); Assert.Equal(b.Quota, b.Background); });
        Assert.Equal(sample.Intervals.Count, report.Bins.Sum(b => b.Background));
        Assert.Equal(Positives.Count, report.Bins.Sum(b => b.Positives));
        Assert.InRange(report.BackgroundMeanGc - report.PositiveMeanGc, -0.02, 0.02);
        // The genome as a whole averages about 0.47; matching had to pull the background up.
        Assert.True(report.PositiveMeanGc > 0.55, $"positives' mean GC {report.PositiveMeanGc}");
        Assert.True(report.Attempts >= sample.Intervals.Count);
        var recounted = sample.Intervals.GroupBy(i => GcContent.Bin(i.Gc, 20)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(report.Bins, b => Assert.Equal(b.Background, recounted.GetValueOrDefault(b.Index)));
    }

    [Fact]
    public void Another_count_scales_the_quotas_and_still_matches()
    {
        var sample = GcMatchedBackground.SampleArrays(Genome, Positives, Length, count: 250, seed: 4);

        Assert.Equal(250, sample.Intervals.Count);
        Assert.Equal(250, sample.Report.Bins.Sum(b => b.Quota));
        Assert.All(sample.Report.Bins, b =>
        {
            Assert.Equal(b.Quota, b.Background);
            Assert.InRange(b.Quota, Math.Floor(b.Positives * 2.5), Math.Ceiling(b.Positives * 2.5));
        });
        Assert.InRange(sample.Report.BackgroundMeanGc - sample.Report.PositiveMeanGc, -0.02, 0.02);
    }

    [Fact]
    public void Same_seed_same_intervals_and_another_seed_others()
    {
        var first = GcMatchedBackground.SampleArrays(Genome, Positives, Length, seed: 9).Intervals;
        var second = GcMatchedBackground.SampleArrays(Genome, Positives, Length, seed: 9).Intervals;
        var other = GcMatchedBackground.SampleArrays(Genome, Positives, Length, seed: 10).Intervals;

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Margin_and_unknown_limit_are_honoured()
    {
        var options = new GcMatchedOptions { Margin = 500, MaxUnknownFraction = 0 };
        var sample = GcMatchedBackground.SampleArrays(Genome, Positives, Length, count: 50, seed: 5, options: options);
        Assert.Equal(50, sample.Intervals.Count);

        foreach (var interval in sample.Intervals)
        {
            Assert.DoesNotContain(Positives, p => p.Chromosome == interval.Chromosome && p.Start - 500 < interval.End && p.End + 500 > interval.Start);
            Assert.Equal(Length, GcContent.Count(Genome[interval.Chromosome].AsSpan((int)interval.Start, Length)).Called);
        }
    }

    [Fact]
    public void A_genome_without_enough_matching_sequence_fails_naming_the_gc_bin()
    {
        var genome = new Dictionary<string, byte[]>
        {
            // GC 0.8 everywhere, but the one positive and its margin cover all of it.
            ["peaks"] = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("GCGCGCGCAT", 60))),
            ["atRich"] = RandomBases(new Random(1), 20_000, 0.2),
        };
        var positives = new List<(string, long, long)> { ("peaks", 200, 400) };
        var options = new GcMatchedOptions { MaxAttemptsPerInterval = 200 };

        var error = Assert.Throws<InvalidOperationException>(() => GcMatchedBackground.SampleArrays(genome, positives, Length, count: 5, seed: 1, options: options));
        Assert.Contains("bin [0.80, 0.85) (0 of 5)", error.Message);
        Assert.Contains("1,000 candidate draws", error.Message);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_the_positive_named()
    {
        var unknown = new List<(string, long, long)> { ("chrX", 0, 100) };
        var error = Assert.Throws<ArgumentException>(() => GcMatchedBackground.SampleArrays(Genome, unknown, Length));
        Assert.Contains("chrX:0-100", error.Message);

        var outside = new List<(string, long, long)> { ("chr2", 99_950, 100_050) };
        Assert.Contains("chr2:99950-100050", Assert.Throws<ArgumentException>(() => GcMatchedBackground.SampleArrays(Genome, outside, Length)).Message);
        Assert.Throws<ArgumentException>(() => GcMatchedBackground.SampleArrays(Genome, [], Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => GcMatchedBackground.SampleArrays(Genome, Positives, 0));
        Assert.Throws<ArgumentException>(() => GcMatchedBackground.SampleArrays(Genome, Positives, Length, options: new GcMatchedOptions { Bins = 0 }));
    }

    private static Dictionary<string, byte[]> BuildGenome()
    {
        var random = new Random(42);
        byte[] chr1 = [.. RandomBases(random, 100_000, 0.7), .. RandomBases(random, 100_000, 0.3)];
        byte[] chr2 = RandomBases(random, 100_000, 0.5);
        chr2.AsSpan(20_000, 5_000).Fill((byte)'N');
        for (int i = 60_000; i < 70_000; i++) chr2[i] = (byte)char.ToLowerInvariant((char)chr2[i]);
        return new Dictionary<string, byte[]> { ["chr1"] = chr1, ["chr2"] = chr2, ["chr3"] = RandomBases(random, 150, 0.5) };
    }

    private static List<(string Chromosome, long Start, long End)> BuildPositives()
    {
        var random = new Random(7);
        var positives = new List<(string, long, long)>();
        for (int i = 0; i < 70; i++) positives.Add(Peak(random, "chr1", 0, 100_000));
        for (int i = 0; i < 15; i++) positives.Add(Peak(random, "chr1", 100_000, 200_000));
        for (int i = 0; i < 15; i++) positives.Add(Peak(random, "chr2", 30_000, 100_000));
        return positives;
    }

    private static (string, long, long) Peak(Random random, string chromosome, int from, int to)
    {
        int width = random.Next(100, 400);
        int start = random.Next(from, to - width);
        return (chromosome, start, start + width);
    }

    private static byte[] RandomBases(Random random, int length, double gc)
    {
        var bases = new byte[length];
        for (int i = 0; i < length; i++)
            bases[i] = random.NextDouble() < gc ? (byte)(random.Next(2) == 0 ? 'G' : 'C') : (byte)(random.Next(2) == 0 ? 'A' : 'T');
        return bases;
    }
}
