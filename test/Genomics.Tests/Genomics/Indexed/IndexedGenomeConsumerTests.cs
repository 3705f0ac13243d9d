using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Genomics.Tests.Genomics.Indexed;

/// <summary>Scans, variant effects, interval rows and GC-matched background are identical from an indexed genome and from memory.</summary>
[Collection(TorchCollection.Name)]
public sealed class IndexedGenomeConsumerTests : IDisposable
{
    private readonly IndexedGenomeFiles _files = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _files.Dispose();

    private (Genome Memory, Genome Plain, Genome Bgzf) ThreeGenomes()
    {
        string plain = _files.WritePlain("g.fa", 70), bgzf = _files.WriteBgzf("g.fa.gz", 61, 900);
        string memory = Path.Combine(_files.Root, "memory.fa");
        File.Copy(plain, memory);
        var build = new GenomeLoadOptions { BuildIndex = true };
        return (Genome.Load(memory), Genome.Load(plain, build), Genome.Load(bgzf, build));
    }

    [Fact]
    public void Interval_rows_and_gc_matched_background_are_identical()
    {
        var (memory, plain, bgzf) = ThreeGenomes();
        using var _1 = memory; using var _2 = plain; using var _3 = bgzf;
        string bed = Path.Combine(_files.Root, "peaks.bed");
        File.WriteAllText(bed, "chr1\t10\t60\nchr1\t9990\t10007\nchr2\t3000\t3300\nchrM\t0\t61\nchr10\t2000\t2345\n");
        var options = new IntervalSequenceOptions { BedPath = bed, Length = 300 };
        var positives = new List<(string, long, long)> { ("chr1", 100, 400), ("chr2", 2_000, 2_300), ("chr10", 500, 800) };

        var expectedRows = GenomeFixture.Column(IntervalSequences.Load(_ml, memory, options), "Sequence");
        var expectedBackground = GcMatchedBackground.Sample(memory, positives, 200, count: 20, seed: 4).Intervals;
        foreach (var genome in new[] { plain, bgzf })
        {
            Assert.True(genome.IsIndexed);
            Assert.Equal(expectedRows, GenomeFixture.Column(IntervalSequences.Load(_ml, genome, options), "Sequence"));
            Assert.Equal(expectedBackground, GcMatchedBackground.Sample(genome, positives, 200, count: 20, seed: 4).Intervals);
        }
    }

    private ITransformer SmallModel()
    {
        var random = new Random(2);
        var rows = Enumerable.Range(0, 64).Select(i => new MotifData.Row
        {
            Sequence = new string(Enumerable.Range(0, 50).Select(_ => "ACGT"[random.Next(4)]).ToArray()),
            Label = i % 2 == 0,
        }).ToList();
        return _ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(_ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Network = NetworkPresets.Zou2019(), Epochs = 1, BatchSize = 32, Seed = 1 }))
            .Fit(_ml.Data.LoadFromEnumerable(rows));
    }

    [Fact]
    public void Variant_effects_are_identical()
    {
        var (memory, plain, bgzf) = ThreeGenomes();
        using var _1 = memory; using var _2 = plain; using var _3 = bgzf;
        var model = SmallModel();
        // SNVs, an MNV, an insertion and deletions, some at chromosome ends (windows padded with N), REF from the genome.
        var sites = new (string Chromosome, long Position, int RefLength, string Alt)[]
        {
            ("chr1", 1, 1, "G"), ("chr1", 500, 1, "T"), ("chr1", 9_000, 2, "CA"), ("chr2", 3_001, 1, "ACGTT"),
            ("chr2", 40, 4, "A"), ("chrM", 60, 2, "T"), ("chr10", 2_345, 1, "C"), ("chr10", 100, 3, "GTA"),
        };
        var vcf = new System.Text.StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        foreach (var (chromosome, position, refLength, alt) in sites)
        {
            long at = Math.Min(position, memory.LengthOf(chromosome) - refLength + 1);
            string reference = memory.Slice(chromosome, at - 1, refLength).ToUpperInvariant();
            string other = reference == alt ? "N" : alt;
            vcf.Append($"{chromosome}\t{at}\t.\t{reference}\t{other}\t.\tPASS\t.\n");
        }
        string path = Path.Combine(_files.Root, "calls.vcf");
        File.WriteAllText(path, vcf.ToString());

        string Effects(Genome genome)
        {
            var effects = new StringWriter();
            var report = VariantEffects.Write(_ml, model, genome, path, new VariantEffectOptions(), effects, null, null);
            Assert.Equal(sites.Length, report.Scored);
            return effects.ToString();
        }

        Assert.True(plain.IsIndexed && bgzf.IsIndexed && !memory.IsIndexed);
        string expected = Effects(memory);
        Assert.Equal(expected, Effects(plain));
        Assert.Equal(expected, Effects(bgzf));
    }

    [Fact]
    public void Scans_write_identical_bedgraphs()
    {
        var (memory, plain, bgzf) = ThreeGenomes();
        using var _1 = memory; using var _2 = plain; using var _3 = bgzf;
        var model = SmallModel();

        string Scan(Genome genome)
        {
            var writer = new StringWriter();
            GenomeScanner.Scan(_ml, model, genome, new GenomeScanOptions { Stride = 7, TrackName = "t" }, writer);
            return writer.ToString();
        }

        Assert.True(plain.IsIndexed && bgzf.IsIndexed && !memory.IsIndexed);
        string expected = Scan(memory);
        Assert.True(expected.Split('\n').Length > 1_000);
        Assert.Equal(expected, Scan(plain));
        Assert.Equal(expected, Scan(bgzf));
    }
}
