namespace Cnn.MLNet.Genomics.Tests.Profiles;

public sealed class ProfileLabelTests
{
    [Fact]
    public void Labels_are_the_tracks_values_over_the_centred_output_window_track_major()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 97, 1000);
        var b = ProfileTestData.Track("b", 13, 5000);
        string bed = data.Bed("peaks.bed", "chr1\t1000\t1200", "chr2\t5000\t5001", "chr3\t30\t90");
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = bed,
            Length = 100,
            OutputLength = 40,
            Tracks = [a, b],
            BackgroundFraction = 0,
        });
        var rows = ProfileTestData.Rows(view);

        Assert.Equal((3L, 0L, 2, 40), (report.Peaks, report.BackgroundRows, report.Tracks, report.Positions));
        Assert.Empty(report.StrandedPairs);
        Assert.Equal(["a", "b"], report.TrackNames);
        Assert.Equal([1050L, 4950, 10], rows.Select(r => r.Start));          // centred on each interval's midpoint
        Assert.Equal(0, report.PaddedPeaks);
        foreach (var row in rows)
        {
            Assert.True(row.IsPeak);
            Assert.Equal(row.Start + 100, row.End);
            Assert.Equal(data.Genome.Slice(row.Chromosome, row.Start, 100), row.Sequence);
            Assert.Equal(80, row.Label.Length);
            var expectedA = a.Values(row.Chromosome).AsSpan((int)row.Start + 30, 40).ToArray();
            var expectedB = b.Values(row.Chromosome).AsSpan((int)row.Start + 30, 40).ToArray();
            Assert.Equal(expectedA, row.Label[..40]);
            Assert.Equal(expectedB, row.Label[40..]);
        }
    }

    [Theory]
    [InlineData(TrackBinning.Sum)]
    [InlineData(TrackBinning.Mean)]
    public void Bins_sum_or_average_their_bases(TrackBinning binning)
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 11, 3);
        string bed = data.Bed("peaks.bed", "chr2\t7000\t7400");
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = bed,
            Length = 60,
            OutputLength = 20,
            BinSize = 5,
            Binning = binning,
            Tracks = [a],
            BackgroundFraction = 0,
        });
        var row = Assert.Single(ProfileTestData.Rows(view));
        Assert.Equal(4, report.Positions);
        var values = a.Values("chr2");
        for (int p = 0; p < 4; p++)
        {
            double sum = Enumerable.Range(0, 5).Sum(i => (double)values[(int)row.Start + 20 + p * 5 + i]);
            Assert.Equal(binning == TrackBinning.Sum ? sum : sum / 5, row.Label[p], 4);
        }
    }

    [Fact]
    public void Stranded_tracks_give_plus_then_minus_and_report_the_pair()
    {
        using var data = new ProfileTestData();
        var plus = ProfileTestData.Track("plus", 7, 1);
        var minus = ProfileTestData.Track("minus", 5, 100);
        string bed = data.Bed("peaks.bed", "chr1\t3000\t3100", "chr3\t9000\t9100");
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = bed,
            Length = 50,
            OutputLength = 50,
            StrandedTracks = (plus, minus),
            BackgroundFraction = 0,
        });
        Assert.Equal([(0, 1)], report.StrandedPairs);
        Assert.Equal(["plus", "minus"], report.TrackNames);
        foreach (var row in ProfileTestData.Rows(view))
        {
            Assert.Equal(plus.Values(row.Chromosome).AsSpan((int)row.Start, 50).ToArray(), row.Label[..50]);
            Assert.Equal(minus.Values(row.Chromosome).AsSpan((int)row.Start, 50).ToArray(), row.Label[50..]);
        }
    }

    [Fact]
    public void Windows_past_a_chromosome_end_read_zeros_and_N_and_are_counted()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 9, 1);
        string bed = data.Bed("peaks.bed", "chr1\t0\t10", $"chr2\t{ProfileTestData.ChromosomeLength - 10}\t{ProfileTestData.ChromosomeLength}");
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = bed,
            Length = 40,
            OutputLength = 40,
            Tracks = [a],
            BackgroundFraction = 0,
        });
        var rows = ProfileTestData.Rows(view);
        Assert.Equal(2, report.PaddedPeaks);
        Assert.Equal(-15, rows[0].Start);
        Assert.All(rows[0].Label[..15], v => Assert.Equal(0f, v));
        Assert.Equal(new string('N', 15), rows[0].Sequence[..15]);
        Assert.All(rows[1].Label[25..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_report_summarises_the_total_counts_over_the_peaks()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 97, 0);
        var b = ProfileTestData.Track("b", 13, 1);
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = data.GridPeaks(),
            Length = 100,
            OutputLength = 60,
            Tracks = [a, b],
            BackgroundFraction = 0,
        });
        var rows = ProfileTestData.Rows(view);
        double Median(IEnumerable<double> xs) { var s = xs.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
        var totalsA = rows.Select(r => r.Label[..60].Sum(v => (double)v)).ToArray();
        var totalsB = rows.Select(r => r.Label[60..].Sum(v => (double)v)).ToArray();
        Assert.Equal(Median(totalsA), report.PeakTotals[0].Median, 3);
        Assert.Equal(totalsB.Average(), report.PeakTotals[1].Mean, 3);
        Assert.Equal(totalsB.Max(), report.PeakTotals[1].Max, 3);
        Assert.Equal(Median(totalsA.Zip(totalsB, (x, y) => x + y)), report.PeakTotalAllTracks.Median, 3);
        Assert.Contains("48 peak windows", report.ToString());
    }
}
