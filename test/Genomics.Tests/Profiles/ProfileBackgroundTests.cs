namespace Cnn.MLNet.Genomics.Tests.Profiles;

public sealed class ProfileBackgroundTests
{
    private static double Gc(string s) => (double)s.Count(c => c is 'G' or 'C') / s.Length;

    [Fact]
    public void Background_windows_follow_the_peaks_away_from_them_and_match_their_gc()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 7, 1);
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = data.GridPeaks(),
            Length = 200,
            OutputLength = 100,
            Tracks = [a],
            BackgroundFraction = 0.25,
            Seed = 5,
        });
        var rows = ProfileTestData.Rows(view);
        var peaks = rows.Where(r => r.IsPeak).ToList();
        var background = rows.Where(r => !r.IsPeak).ToList();

        Assert.Equal((48L, 12L), (report.Peaks, report.BackgroundRows));
        Assert.Equal(48, peaks.Count);
        Assert.Equal(12, background.Count);
        Assert.True(rows.Take(48).All(r => r.IsPeak));                       // peaks first, in BED order
        Assert.NotNull(report.Gc);
        foreach (var row in background)
        {
            Assert.DoesNotContain(peaks, p => p.Chromosome == row.Chromosome && p.Start < row.End && row.Start < p.End);
            Assert.Equal(data.Genome.Slice(row.Chromosome, row.Start, 200), row.Sequence);
            Assert.Equal(a.Values(row.Chromosome).AsSpan((int)row.Start + 50, 100).ToArray(), row.Label);
        }
        Assert.InRange(Math.Abs(background.Average(r => Gc(r.Sequence)) - peaks.Average(r => Gc(r.Sequence))), 0, 0.05);
        Assert.InRange(Math.Abs(report.Gc!.BackgroundMeanGc - report.Gc.PositiveMeanGc), 0, 0.05);
    }

    [Fact]
    public void The_same_seed_draws_the_same_background()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 7, 1);
        var options = new ProfileTrainingOptions { BedPath = data.GridPeaks(), Length = 200, OutputLength = 100, Tracks = [a], BackgroundFraction = 0.5, Seed = 9 };
        var first = ProfileTestData.Rows(ProfileTrainingData.Build(data.ML, data.Genome, options).Data);
        var second = ProfileTestData.Rows(ProfileTrainingData.Build(data.ML, data.Genome, options).Data);
        Assert.Equal(first.Select(r => (r.Chromosome, r.Start)), second.Select(r => (r.Chromosome, r.Start)));
    }

    [Fact]
    public void Excluded_regions_drop_and_count_peaks_and_keep_background_clear()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 7, 1);
        // Blacklist the peak window chr1:4000-4200 and the whole of chr3 from 10,000.
        var exclude = new ExcludedRegions([("chr1", 4150, 4160), ("chr3", 10_000, ProfileTestData.ChromosomeLength), ("chrUn", 0, 10)]);
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = data.GridPeaks(),
            Length = 200,
            OutputLength = 200,
            Tracks = [a],
            BackgroundFraction = 0.5,
            Exclude = exclude,
        });
        var rows = ProfileTestData.Rows(view);
        Assert.Equal(1 + 8, report.ExcludedPeaks);                            // chr3 peaks from 9,900-10,100 on: 10,000 … 17,000 → 8
        Assert.Equal(48 - 9, report.Peaks);
        Assert.Equal(1, report.ExcludedRegionsNotInGenome);
        Assert.DoesNotContain(rows, r => r.Chromosome == "chr1" && r.Start == 4000);
        Assert.DoesNotContain(rows, r => exclude.Overlaps(r.Chromosome, r.Start, r.End));
        Assert.Contains("9 dropped as excluded", report.ToString());
    }

    [Fact]
    public void A_chromosome_split_keeps_whole_chromosomes_and_counts_peaks()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 7, 1);
        var (view, _) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = data.GridPeaks(),
            Length = 200,
            OutputLength = 100,
            Tracks = [a],
            BackgroundFraction = 0.5,
        });
        var split = ChromosomeSplit.Split(view, ["chr2"], ["chr3"], labelColumn: ProfileColumns.IsPeak);
        var test = ProfileTestData.Rows(split.Test);
        Assert.All(test, r => Assert.Equal("chr2", r.Chromosome));
        Assert.Equal(16, test.Count(r => r.IsPeak));
        Assert.All(ProfileTestData.Rows(split.Train), r => Assert.Equal("chr1", r.Chromosome));
        var testPart = split.Report.Parts.Single(p => p.Part == "test");
        Assert.Equal(16, testPart.Positives![0]);
    }
}
