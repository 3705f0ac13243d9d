using System.Globalization;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

public sealed class BedGraphWriterTests
{
    [Fact]
    public void Lines_read_as_invariant_ToString_writes_them_whatever_the_value_or_name()
    {
        string longName = "chr" + new string('x', 300); // past the stack buffer: formatted on the heap
        var lines = new (string Chromosome, long Start, long End, float Value)[]
        {
            ("chr1", 0, 25, 0.123456789f), ("chr1", 25, 50, -1.5e-7f), ("chr1", 50, 75, float.NaN), ("chr1", 75, 100, -0f),
            ("chr2", 9_999_999_975, 10_000_000_000, 3.4028235e38f), ("chr2", 10_000_000_000, 10_000_000_001, float.NegativeInfinity),
            (longName, long.MaxValue - 1, long.MaxValue, 1f),
        };
        var writer = new StringWriter();
        var bedGraph = new BedGraphWriter(writer, "n", "d");
        foreach (var (chromosome, start, end, value) in lines)
            Assert.True(bedGraph.Write(chromosome, start, end, value));

        var expected = "track type=bedGraph name=\"n\" description=\"d\"\n" + string.Concat(lines.Select(l =>
            $"{l.Chromosome}\t{l.Start.ToString(CultureInfo.InvariantCulture)}\t{l.End.ToString(CultureInfo.InvariantCulture)}\t{l.Value.ToString("G6", CultureInfo.InvariantCulture)}\n"));
        Assert.Equal(expected, writer.ToString());
    }
}
