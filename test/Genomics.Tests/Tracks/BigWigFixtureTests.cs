namespace Cnn.MLNet.Genomics.Tests.Tracks;

/// <summary>
/// Third-party bigWigs (Janggu's sample.bw, pyBigWig's test.bw; see Fixtures/README.md) read
/// base for base like their interval dumps, which pyBigWig wrote, and their zoom levels agree with
/// the bases.
/// </summary>
public class BigWigFixtureTests
{
    [Theory]
    [InlineData("janggu-sample")]
    [InlineData("pybigwig-test")]
    public void ThirdPartyBigWig_ReadsLikeItsPyBigWigDump(string name)
    {
        using var bigWig = BigWigFile.Open(TrackFixtures.Path(name + ".bw"));
        var sizes = bigWig.Chromosomes.ToDictionary(c => c.Name, c => c.Length);
        using var twin = BedGraphTrack.Open(TrackFixtures.Path(name + ".pybigwig.bedgraph"), chromosomeSizes: sizes);
        TrackAssert.SameBases(twin, bigWig);
    }

    [Fact]
    public void JangguSample_HeaderMatchesWhatPyBigWigReports()
    {
        // pyBigWig 0.3.18: {'version': 4, 'nLevels': 1, 'nBasesCovered': 60000, 'minVal': 0, 'maxVal': 2, 'sumData': 1908, 'sumSquared': 2416}
        using var bigWig = BigWigFile.Open(TrackFixtures.Path("janggu-sample.bw"));
        Assert.Equal([("chr1", 30000L), ("chr2", 30000L)], bigWig.Chromosomes.Select(c => (c.Name, c.Length)));
        Assert.Single(bigWig.ZoomLevels);
        var summary = bigWig.Summary!.Value;
        Assert.Equal(60000, summary.ValidCount);
        Assert.Equal((0.0, 2.0, 1908.0, 2416.0), (summary.Min, summary.Max, summary.Sum, summary.SumSquares));
    }

    [Fact]
    public void JangguSample_ZoomRecordsAreTheFilesOwn()
    {
        // The file's one zoom level (reduction 9056), decoded independently with Python's struct
        // and zlib. Its writer (libBigWig, through Janggu) left the last chr2 record's sum at 0
        // although its bases sum to 36, so these are compared with the file, not with the bases.
        using var bigWig = BigWigFile.Open(TrackFixtures.Path("janggu-sample.bw"));
        Assert.Equal([9056], bigWig.ZoomLevels);
        Assert.Equal(
            [new(0, 9056, 9056, 0, 0, 0, 0), new(9056, 18112, 9056, 0, 2, 324, 400), new(18112, 27168, 9056, 0, 2, 900, 1276), new(27168, 30000, 2832, 0, 0, 0, 0)],
            bigWig.ReadZoom("chr1", 0, 30000, 0));
        Assert.Equal(
            [new(0, 9056, 9056, 0, 1, 72, 72), new(9056, 18112, 9056, 0, 2, 360, 416), new(18112, 27168, 9056, 0, 1, 216, 216), new(27168, 30000, 2832, 0, 1, 0, 0)],
            bigWig.ReadZoom("chr2", 0, 30000, 0));
        // Apart from that record, the sums are the bases' sums.
        foreach (var record in bigWig.ReadZoom("chr1", 0, 30000, 0).Concat(bigWig.ReadZoom("chr2", 0, 27168, 0)))
            Assert.True(record.Sum == TrackAssert.Sum(bigWig, "chr1", record.Start, record.End) || record.Sum == TrackAssert.Sum(bigWig, "chr2", record.Start, record.End));
        // A region query returns only the records that overlap it.
        Assert.Equal([9056L, 18112L], bigWig.ReadZoom("chr1", 10000, 20000, 0).Select(r => r.Start));
    }

    [Fact]
    public void JangguBedGraph_ReadsWithTheChromosomeSizesFile()
    {
        var sizes = File.ReadAllLines(TrackFixtures.Path("janggu-sample.chrom.sizes")).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
        using var track = BedGraphTrack.Open(TrackFixtures.Path("janggu-sample.bedgraph"), chromosomeSizes: sizes);
        Assert.Equal([("chr1", 30000L), ("chr2", 30000L)], track.Chromosomes.Select(c => (c.Name, c.Length)));
        var values = new float[4];
        track.Read("chr1", 15799, values.AsSpan(0, 2));
        track.Read("chr2", 15999, values.AsSpan(2));
        Assert.Equal([1.5f, 0.5f, 4.5f, 0f], values);
    }
}
