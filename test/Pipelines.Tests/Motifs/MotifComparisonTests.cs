using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs;

public sealed class MotifComparisonTests
{
    private static double[,] Slice(double[,] matrix, int start, int width)
    {
        var slice = new double[width, 4];
        for (int i = 0; i < width; i++)
            for (int b = 0; b < 4; b++) slice[i, b] = matrix[start + i, b];
        return slice;
    }

    private static readonly double[,] Long = MemeFileTests.RandomMatrix(16, seed: 11);

    [Fact]
    public void A_motif_inside_a_longer_one_is_found_at_its_offset()
    {
        var query = new Motif("query", Slice(Long, 5, 8));
        var database = new[] { new Motif("other", MemeFileTests.RandomMatrix(10, seed: 12)), new Motif("long", Long) };
        var match = Assert.Single(MotifComparison.BestMatches([query], database));
        Assert.Equal("long", match.Target.Id);
        Assert.Equal(1.0, match.Score, 9);
        Assert.Equal(5, match.Offset);
        Assert.Equal('+', match.Strand);
        Assert.Equal(8, match.Overlap);
    }

    [Fact]
    public void A_reverse_complement_is_found_on_the_minus_strand()
    {
        var query = new Motif("query", Slice(Long, 5, 8)).ReverseComplement();
        var match = MotifComparison.Compare(query, new Motif("long", Long));
        Assert.Equal('-', match.Strand);
        Assert.Equal(1.0, match.Score, 9);
        // On the reverse complement of the 16-wide target, the 8 positions 5..12 sit at 16 − 13 = 3.
        Assert.Equal(3, match.Offset);
        Assert.Equal(8, match.Overlap);
    }

    [Fact]
    public void An_unrelated_motif_scores_lower()
    {
        var target = new Motif("long", Long);
        double self = MotifComparison.Compare(new Motif("q", Slice(Long, 2, 10)), target).Score;
        for (int seed = 20; seed < 30; seed++)
        {
            var random = new Motif("random", MemeFileTests.RandomMatrix(10, seed));
            var match = MotifComparison.Compare(random, target);
            Assert.True(match.Score < self - 0.2, $"seed {seed}: random motif scored {match.Score:F3} against {self:F3}");
            Assert.True(match.Overlap >= MotifComparison.DefaultMinOverlap);
        }
    }

    [Fact]
    public void Short_motifs_need_only_overlap_their_own_width()
    {
        var match = MotifComparison.Compare(Motif.FromConsensus("q", "CG"), Motif.FromConsensus("t", "AAACGAAA"), minOverlap: 5);
        Assert.Equal(1.0, match.Score, 9);
        Assert.Equal(2, match.Overlap);
        Assert.Equal(3, match.Offset);
        Assert.Equal('+', match.Strand); // CG is its own reverse complement: the tie goes to '+'
    }

    [Fact]
    public void Partial_overlaps_at_the_ends_are_considered()
    {
        // The query's last 5 positions are the target's first 5.
        var query = new Motif("q", Slice(Long, 0, 8));
        var target = new Motif("t", Slice(Long, 3, 10));
        var match = MotifComparison.Compare(query, target);
        Assert.Equal(1.0, match.Score, 9);
        Assert.Equal(-3, match.Offset);
        Assert.Equal(5, match.Overlap);
    }
}
