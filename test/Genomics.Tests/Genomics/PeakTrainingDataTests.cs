namespace Cnn.MLNet.Genomics.Tests.Genomics;

public sealed class PeakTrainingDataTests : IClassFixture<GenomeFixture>
{
    private readonly GenomeFixture _fixture;

    public PeakTrainingDataTests(GenomeFixture fixture) => _fixture = fixture;

    private static Dictionary<string, int> Dinucleotides(string s) =>
        Enumerable.Range(0, s.Length - 1).GroupBy(i => s.Substring(i, 2)).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Shuffled_negatives_pair_each_peak_with_its_dinucleotide_shuffle_at_the_same_place()
    {
        var genome = Genome.Load(_fixture.FastaPath);
        var (data, report) = PeakTrainingData.Build(_fixture.ML, genome, _fixture.WriteMotifPeaks(), 60, NegativeKind.Shuffle, seed: 3);
        var rows = _fixture.ML.Data.CreateEnumerable<PeakTrainingData.Row>(data, false).ToList();

        Assert.Equal((8L, 8L), (report.Positives, report.Negatives));
        Assert.Equal(2, report.PaddedPositives);                      // chr2:20 and chr3:7990 sit near a chromosome end
        var positives = rows.Where(r => r.Label).ToList();
        var negatives = rows.Where(r => !r.Label).ToList();
        Assert.All(positives, p => Assert.Contains(GenomeFixture.Motif, p.Sequence));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal((positives[i].Chromosome, positives[i].Start), (negatives[i].Chromosome, negatives[i].Start));
            Assert.Equal(Dinucleotides(positives[i].Sequence), Dinucleotides(negatives[i].Sequence));
            Assert.NotEqual(positives[i].Sequence, negatives[i].Sequence);
        }

        // A chromosome split keeps every peak with its shuffle.
        var split = ChromosomeSplit.Split(data, ["chr2"]);
        var test = _fixture.ML.Data.CreateEnumerable<PeakTrainingData.Row>(split.Test, false).ToList();
        Assert.Equal(4, test.Count);
        Assert.All(test, r => Assert.Equal("chr2", r.Chromosome));
    }

    [Fact]
    public void Gc_matched_negatives_come_from_the_genome_away_from_the_peaks()
    {
        var genome = Genome.Load(_fixture.FastaPath);
        var (data, report) = PeakTrainingData.Build(_fixture.ML, genome, _fixture.WriteMotifPeaks("gc.bed"), 60, NegativeKind.GcMatched, seed: 4);
        var negatives = _fixture.ML.Data.CreateEnumerable<PeakTrainingData.Row>(data, false).Where(r => !r.Label).ToList();
        Assert.Equal(8, negatives.Count);
        Assert.NotNull(report.Gc);
        Assert.Contains("GC-matched", report.ToString());
        foreach (var n in negatives)
        {
            Assert.Equal(_fixture.Expected(n.Chromosome, n.Start, 60), n.Sequence);
            Assert.DoesNotContain(GenomeFixture.MotifSites, s => s.Chromosome == n.Chromosome && s.Position + 8 > n.Start && s.Position < n.End);
        }
    }
}
