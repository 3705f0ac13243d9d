namespace Cnn.MLNet.Genomics.Tests.Tracks;

/// <summary>
/// bigWigs written by Debian's pyBigWig (libBigWig) with all three section types (bedGraph,
/// variableStep, fixedStep), several chromosomes, gaps and many blocks: our reader reads them base
/// for base like pyBigWig's own interval dump.
/// </summary>
public class PyBigWigReaderTests
{
    private const string Generate = """
        import random
        random.seed(7)
        path, dump = sys.argv[1], sys.argv[2]
        sizes = [("chr1", 200000), ("chr2", 50000), ("chrM", 1000), ("chrUn_empty", 5000)]
        bw = pyBigWig.open(path, "w")
        bw.addHeader(sizes, maxZooms=10)
        # chr1: bedGraph records with gaps, then variableStep, then fixedStep sections.
        starts, ends, values = [], [], []
        at = 10
        while at < 60000:
            length = random.randint(1, 40)
            starts.append(at); ends.append(at + length); values.append(round(random.uniform(-5, 5), 3))
            at += length + random.choice([0, 0, 3, 100])
        bw.addEntries(["chr1"] * len(starts), starts, ends=ends, values=values)
        var_starts = list(range(70000, 90000, 25))
        bw.addEntries("chr1", var_starts, values=[random.uniform(0, 10) for _ in var_starts], span=20)
        bw.addEntries("chr1", 100000, values=[random.uniform(0, 3) for _ in range(3000)], span=7, step=9)
        # chr2: fixedStep with span = step (dense), then bedGraph to the chromosome's end.
        bw.addEntries("chr2", 0, values=[float(i % 17) for i in range(2000)], span=5, step=5)
        bw.addEntries(["chr2", "chr2"], [49000, 49990], ends=[49500, 50000], values=[2.0, 9.5])
        # chrM: variableStep of single bases.
        bw.addEntries("chrM", [0, 1, 2, 999], values=[0.25, 0.5, 0.75, 1.0], span=1)
        bw.close()
        bw = pyBigWig.open(path)
        with open(dump, "w") as out:
            for chrom in bw.chroms():
                for s, e, v in bw.intervals(chrom) or []:
                    out.write("%s\t%d\t%d\t%r\n" % (chrom, s, e, v))
        """;

    [PyBigWigFact]
    public void PyBigWigFile_WithAllSectionTypes_ReadsLikeItsIntervalDump()
    {
        using var folder = new TrackTempFolder();
        PyBigWig.Run(folder.Root, Generate, folder.File("generated.bw"), folder.File("generated.bedgraph"));
        using var bigWig = BigWigFile.Open(folder.File("generated.bw"));
        Assert.Equal(["chr1", "chr2", "chrM", "chrUn_empty"], bigWig.Chromosomes.Select(c => c.Name).Order(StringComparer.Ordinal));
        using var twin = BedGraphTrack.Open(folder.File("generated.bedgraph"), chromosomeSizes: bigWig.Chromosomes.ToDictionary(c => c.Name, c => c.Length));
        TrackAssert.SameBases(twin, bigWig);

        // Spot checks of the three section types, independent of the dump.
        var values = new float[12];
        bigWig.Read("chr2", 0, values);
        Assert.Equal([0f, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2], values);
        bigWig.Read("chrM", -2, values.AsSpan(0, 6));
        Assert.Equal([0f, 0, 0.25f, 0.5f, 0.75f, 0], values[..6]);
        bigWig.Read("chr1", 100000 - 2, values);
        Assert.Equal(0f, values[0]);
        Assert.NotEqual(0f, values[2]);
        Assert.Equal(0f, values[2 + 7]);
    }

    [PyBigWigFact]
    public void PyBigWigFile_ZoomLevelsSummariseTheBases()
    {
        using var folder = new TrackTempFolder();
        PyBigWig.Run(folder.Root, Generate, folder.File("generated.bw"), folder.File("generated.bedgraph"));
        using var bigWig = BigWigFile.Open(folder.File("generated.bw"));
        Assert.NotEmpty(bigWig.ZoomLevels);
        for (int level = 0; level < bigWig.ZoomLevels.Count; level++)
        {
            var records = bigWig.ReadZoom("chr1", 0, 200000, level);
            Assert.NotEmpty(records);
            double zoomTotal = records.Sum(r => r.Sum);
            Assert.Equal(TrackAssert.Sum(bigWig, "chr1", 0, 200000), zoomTotal, Math.Max(1, Math.Abs(zoomTotal)) * 1e-3);
            foreach (var record in records)
            {
                Assert.InRange(record.ValidCount, 1, record.End - record.Start);
                Assert.True(record.Min <= record.Max);
            }
        }
    }
}
