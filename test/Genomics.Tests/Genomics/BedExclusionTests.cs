namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary>
/// <see cref="ExcludedRegions"/> (a blacklist BED): windows sharing a base with a region are dropped
/// and counted, windows merely touching one are kept, regions off the genome are ignored and counted.
/// </summary>
public sealed class BedExclusionTests : IDisposable
{
    private const int Length = 10;
    private readonly GenomeFixture _files = new();
    private readonly Genome _genome;

    public BedExclusionTests() => _genome = Genome.Load(_files.FastaPath);

    public void Dispose() => _files.Dispose();

    // The motif peaks are [p − 6, p + 14), so a 10-base centred window is [p − 1, p + 9).
    private string WriteBlacklist() => _files.WriteGzip("blacklist.bed.gz",
        "chr1\t1009\t1100\tHigh Signal Region\n"     // site chr1:1000, window [999, 1009): touches its end → kept
        + "chr1\t5008\t5009\tLow Mappability\n"      // site chr1:5000, window [4999, 5009): one shared base → dropped
        + "chr1\t14994\t14999\n"                     // site chr1:15000: overlaps the peak, not the window → kept
        + "chr2\t0\t20\n"                            // site chr2:20, window [19, 29): shares base 19 → dropped
        + "chr2\t5000\t7000\n"                       // site chr2:6000: window inside → dropped
        + "chrX\t1490\t1499\n"                       // site chrX:1500, window [1499, 1509): touches its start → kept
        + "chrUn_KI270302v1\t0\t2000\n"             // not in the genome → ignored, counted
        + "chrM\t0\t16569\n");                       // not in the genome → ignored, counted

    [Theory]
    [InlineData(50, 100, false)]   // ends where the region starts
    [InlineData(200, 300, false)]  // starts where the region ends
    [InlineData(50, 101, true)]    // shares base 100
    [InlineData(199, 250, true)]   // shares base 199
    [InlineData(120, 130, true)]   // inside
    [InlineData(0, 1000, true)]    // contains it
    [InlineData(150, 150, false)]  // an empty window holds no base
    [InlineData(395, 405, false)]  // over the empty region [400, 400)
    [InlineData(640, 641, true)]   // inside the second of two overlapping regions given out of order
    public void Overlap_means_at_least_one_shared_base_of_half_open_intervals(long start, long end, bool overlaps)
    {
        var regions = new ExcludedRegions([("chr1", 600, 650), ("chr1", 100, 200), ("chr1", 400, 400), ("chr1", 550, 620)]);

        Assert.Equal(overlaps, regions.Overlaps("chr1", start, end));
        Assert.False(regions.Overlaps("chr2", start, end));
    }

    [Fact]
    public void Exactly_the_windows_sharing_a_base_with_the_blacklist_are_dropped_and_counted()
    {
        string peaks = _files.WriteMotifPeaks();
        var options = new IntervalSequenceOptions { BedPath = peaks, Length = Length, Exclude = ExcludedRegions.FromBed(WriteBlacklist()) };

        var report = IntervalSequences.Describe(_genome, options);
        var view = IntervalSequences.Load(_files.ML, _genome, options);

        Assert.Equal((5L, 3L, 2), (report.Rows, report.ExcludedRows, report.ExcludedRegionsNotInGenome));
        Assert.Equal(8, options.Exclude.Count);
        Assert.Contains("excluded: 3 rows", report.ToString());
        Assert.Contains("2 excluded regions on chromosomes the genome lacks", report.ToString());
        var kept = GenomeFixture.Column(view, "Chromosome").Zip(GenomeFixture.Column(view, "Start"), (c, s) => ((string)c, (long)s));
        Assert.Equal([("chr1", 999L), ("chr1", 14999L), ("chr3", 7989L), ("chr3", 2999L), ("chrX", 1499L)], kept);
    }

    [Fact]
    public void Without_exclusion_nothing_is_dropped_and_the_table_does_not_mention_it()
    {
        var report = IntervalSequences.Describe(_genome, new IntervalSequenceOptions { BedPath = _files.WriteMotifPeaks(), Length = Length });

        Assert.Equal((8L, 0L), (report.Rows, report.ExcludedRows));
        Assert.DoesNotContain("excluded", report.ToString());
    }

    [Fact]
    public void Peak_training_data_drops_excluded_peaks_and_their_shuffles_and_reports_the_counts()
    {
        var exclude = ExcludedRegions.FromBed(WriteBlacklist());

        var (data, report) = PeakTrainingData.Build(_files.ML, _genome, new PeakTrainingOptions { BedPath = _files.WriteMotifPeaks(), Length = Length, Negatives = NegativeKind.Shuffle, Seed = 2, Exclude = exclude });
        var rows = _files.ML.Data.CreateEnumerable<PeakTrainingData.Row>(data, false).ToList();

        Assert.Equal((5L, 5L, 3L, 2), (report.Positives, report.Negatives, report.ExcludedPositives, report.ExcludedRegionsNotInGenome));
        Assert.All(rows, r => Assert.False(exclude.Overlaps(r.Chromosome, r.Start, r.End), $"{r.Chromosome}:{r.Start}-{r.End}"));
        Assert.Contains("Excluded regions: 3 peak windows dropped, 2 regions on chromosomes the genome lacks ignored.", report.ToString());
    }

    [Fact]
    public void Gc_matched_peak_training_data_never_draws_background_from_the_blacklist()
    {
        // A blacklist over a third of chr1 and half of chr2, where most draws would otherwise land.
        var exclude = new ExcludedRegions([("chr1", 2_000, 9_000), ("chr2", 6_500, 12_000), ("chr9", 0, 10)]);

        var (data, report) = PeakTrainingData.Build(_files.ML, _genome, new PeakTrainingOptions { BedPath = _files.WriteMotifPeaks("gc.bed"), Length = 60, Negatives = NegativeKind.GcMatched, Seed = 5, Exclude = exclude });
        var negatives = _files.ML.Data.CreateEnumerable<PeakTrainingData.Row>(data, false).Where(r => !r.Label).ToList();

        Assert.Equal(report.Positives, negatives.Count);
        Assert.All(negatives, n => Assert.False(exclude.Overlaps(n.Chromosome, n.Start, n.End), $"{n.Chromosome}:{n.Start}-{n.End}"));
        Assert.True(report.Gc!.ExcludedDraws > 0, "some draws should have landed in the blacklist");
        Assert.Equal(1, report.ExcludedRegionsNotInGenome);
        Assert.Contains("background draws rejected", report.ToString());
    }

    [Fact]
    public void A_peak_file_entirely_blacklisted_is_an_error_that_says_so()
    {
        var exclude = new ExcludedRegions(_genome.Chromosomes.Select(c => (c, 0L, (long)_genome.LengthOf(c))));

        var error = Assert.Throws<InvalidDataException>(() => PeakTrainingData.Build(_files.ML, _genome, new PeakTrainingOptions { BedPath = _files.WriteMotifPeaks(), Length = Length, Exclude = exclude }));

        Assert.Contains("overlaps an excluded region", error.Message);
    }
}
