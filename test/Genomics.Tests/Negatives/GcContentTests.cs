using System.Text;

namespace Cnn.MLNet.Genomics.Tests.Negatives;

public class GcContentTests
{
    [Theory]
    [InlineData("GGCC", 4, 4, 1.0)]
    [InlineData("ATat", 0, 4, 0.0)]
    [InlineData("gcAT", 2, 4, 0.5)]
    [InlineData("GCNNRY-", 2, 2, 1.0)]
    public void Counts_both_cases_and_ignores_unknown_bases(string bases, int gc, int called, double fraction)
    {
        var bytes = Encoding.ASCII.GetBytes(bases);
        Assert.Equal((gc, called), GcContent.Count(bytes));
        Assert.Equal(fraction, GcContent.Fraction(bytes));
    }

    [Fact]
    public void No_called_base_has_undefined_gc() => Assert.True(double.IsNaN(GcContent.Fraction("NNN"u8)));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.049, 0)]
    [InlineData(0.05, 1)]
    [InlineData(0.999, 19)]
    [InlineData(1.0, 19)]
    public void Bins_are_equal_width_and_one_falls_in_the_last(double fraction, int bin) => Assert.Equal(bin, GcContent.Bin(fraction, 20));
}
