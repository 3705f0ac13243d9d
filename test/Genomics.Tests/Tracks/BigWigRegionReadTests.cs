namespace Cnn.MLNet.Genomics.Tests.Tracks;

/// <summary>
/// Region reads of a large bigWig touch only the R-tree nodes on the way and the blocks that
/// overlap the region (memory and I/O follow the region, not the file), and concurrent reads agree
/// with sequential ones.
/// </summary>
public class BigWigRegionReadTests : IClassFixture<BigWigRegionReadTests.LargeBigWig>
{
    private readonly LargeBigWig _large;

    public BigWigRegionReadTests(LargeBigWig large) => _large = large;

    /// <summary>5 Mb of records of 5 bases every 10 bases (500,000 records, ~490 blocks), written once.</summary>
    public sealed class LargeBigWig : IDisposable
    {
        private readonly TrackTempFolder _folder = new();

        public LargeBigWig()
        {
            Path = _folder.File("large.bw");
            TrackChromosome[] chromosomes = [new("chr1", 5_000_000), new("chr2", 1000)];
            BigWigWriter.Write(Path, chromosomes, Enumerable.Range(0, 500_000).Select(i => new BedGraphRecord("chr1", i * 10L, (i * 10L) + 5, i % 1000)));
        }

        public string Path { get; }

        public void Dispose() => _folder.Dispose();
    }

    [Fact]
    public void SmallRegion_ReadsOnlyItsBlocks()
    {
        using var bigWig = BigWigFile.Open(_large.Path);
        long fileLength = new FileInfo(_large.Path).Length;
        long before = bigWig.BytesRead;
        int blocksBefore = bigWig.BlocksLoaded;
        var values = new float[2000];
        bigWig.Read("chr1", 2_500_003, values);
        Assert.Equal(1f, values[7]); // base 2,500,010: record 250,001, value 1
        Assert.Equal(0f, values[2]); // base 2,500,005: between records
        Assert.InRange(bigWig.BlocksLoaded - blocksBefore, 1, 2);
        long read = bigWig.BytesRead - before;
        Assert.True(read < fileLength / 50, $"reading 2,000 bases read {read} of the file's {fileLength} bytes");
    }

    [Fact]
    public void NeighbouringWindows_InflateEachBlockOnce()
    {
        // A scan with a small stride reads the same block again and again; the cache inflates it once.
        using var bigWig = BigWigFile.Open(_large.Path);
        var values = new float[200];
        for (long start = 1_000_000; start < 1_010_000; start += 50) bigWig.Read("chr1", start, values);
        Assert.InRange(bigWig.BlocksLoaded, 1, 3);
    }

    [Fact]
    public void ZoomRegion_ReadsOnlyItsBlocks()
    {
        using var bigWig = BigWigFile.Open(_large.Path);
        int blocksBefore = bigWig.BlocksLoaded;
        var records = bigWig.ReadZoom("chr1", 1_000_000, 1_001_000, 0);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.True(r.End > 1_000_000 && r.Start < 1_001_000));
        Assert.InRange(bigWig.BlocksLoaded - blocksBefore, 1, 2);
    }

    [Fact]
    public void ConcurrentReads_AgreeWithSequentialOnes()
    {
        using var bigWig = BigWigFile.Open(_large.Path);
        var starts = Enumerable.Range(0, 64).Select(i => (long)i * 77_777).ToArray();
        var sequential = starts.Select(s =>
        {
            var v = new float[5000];
            bigWig.Read("chr1", s, v);
            return v;
        }).ToArray();
        var parallel = new float[starts.Length][];
        Parallel.For(0, starts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            parallel[i] = new float[5000];
            bigWig.Read("chr1", starts[i], parallel[i]);
        });
        for (int i = 0; i < starts.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }
}
