using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs;

public sealed class MotifTests
{
    [Fact]
    public void A_one_hot_column_holds_two_bits_and_a_uniform_column_none()
    {
        var motif = new Motif("m", new double[,] { { 0, 0, 1, 0 }, { 0.25, 0.25, 0.25, 0.25 }, { 0.5, 0, 0.5, 0 } });
        Assert.Equal(2.0, motif.InformationContent(0), 12);
        Assert.Equal(0.0, motif.InformationContent(1), 12);
        Assert.Equal(1.0, motif.InformationContent(2), 12);
        Assert.Equal(3.0, motif.TotalInformationContent(), 12);
    }

    [Fact]
    public void Information_content_uses_the_background()
    {
        var motif = new Motif("m", new double[,] { { 0.4, 0.1, 0.1, 0.4 }, { 1, 0, 0, 0 } });
        double[] background = [0.4, 0.1, 0.1, 0.4];
        Assert.Equal(0.0, motif.InformationContent(0, background), 12);
        Assert.Equal(Math.Log2(1 / 0.4), motif.InformationContent(1, background), 12);
    }

    [Fact]
    public void Reverse_complement_reverses_positions_and_swaps_bases()
    {
        var motif = Motif.FromConsensus("m", "AACG");
        Assert.Equal("CGTT", motif.ReverseComplement().Consensus());
        Assert.Equal("AACG", motif.ReverseComplement().ReverseComplement().Consensus());
    }

    [Fact]
    public void Invalid_matrices_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Motif("m", new double[,] { { 0.5, 0.5, 0.5, 0 } }));
        Assert.Throws<ArgumentException>(() => new Motif("m", new double[,] { { 1, 0, 0 } }));
        Assert.Throws<ArgumentException>(() => new Motif("m", new double[,] { { 1.5, -0.5, 0, 0 } }));
        Assert.Throws<ArgumentException>(() => new Motif("two words", new double[,] { { 1, 0, 0, 0 } }));
        Assert.Throws<ArgumentException>(() => Motif.FromConsensus("m", "ACGN"));
    }
}
