using Cnn.MLNet.Genomics;

namespace Cnn.MLNet.Cli.Tests;

/// <summary><c>merge bigwig</c>: per-chromosome parts joined into the bigWig one writer call makes for all chromosomes.</summary>
public sealed class MergeBigWigCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        // Runs of equal values and runs of zeros, as predicted profiles have after rounding.
        for (int at = 0; at < length;)
        {
            int run = 1 + random.Next(40);
            float value = random.Next(3) == 0 ? 0f : (float)(random.NextDouble() * 10);
            for (int i = at; i < Math.Min(length, at + run); i++) values[i] = value;
            at += run;
        }
        return values;
    }

    [Fact]
    public void Per_chromosome_parts_merge_into_the_bytes_of_the_whole_track()
    {
        var chr1 = new KeyValuePair<string, float[]>("chr1", Values(50_000, 1));
        var chr2 = new KeyValuePair<string, float[]>("chr2", Values(30_000, 2));
        var chr3 = new KeyValuePair<string, float[]>("chr3", new float[5_000]); // all zeros: declared, no records
        string whole = _cli.PathOf("whole.bw"), part1 = _cli.PathOf("p1.bw"), part2 = _cli.PathOf("p2.bw"), merged = _cli.PathOf("merged.bw");
        BigWigWriter.WriteTrack(whole, new InMemoryCoverageTrack("t", [chr1, chr2, chr3]));
        BigWigWriter.WriteTrack(part1, new InMemoryCoverageTrack("t", [chr1]));
        BigWigWriter.WriteTrack(part2, new InMemoryCoverageTrack("t", [chr2, chr3]));

        var run = _cli.Run("merge", "bigwig", "--out", merged, part1, part2);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));
    }

    [Fact]
    public void A_chromosome_in_two_parts_is_refused_naming_both_files()
    {
        var chr1 = new KeyValuePair<string, float[]>("chr1", Values(1_000, 3));
        string part1 = _cli.PathOf("a.bw"), part2 = _cli.PathOf("b.bw");
        BigWigWriter.WriteTrack(part1, new InMemoryCoverageTrack("t", [chr1]));
        BigWigWriter.WriteTrack(part2, new InMemoryCoverageTrack("t", [chr1]));

        var run = _cli.Run("merge", "bigwig", "--out", _cli.PathOf("m.bw"), part1, part2);

        Assert.Equal(1, run.Exit);
        Assert.Contains("'chr1'", run.Error);
        Assert.Contains(part1, run.Error);
        Assert.Contains(part2, run.Error);
        Assert.False(File.Exists(_cli.PathOf("m.bw")));
    }

    [Fact]
    public void A_part_that_is_not_a_bigWig_is_named()
    {
        string part = _cli.PathOf("text.bw");
        File.WriteAllText(part, "chr1\t0\t10\t1\n");

        var run = _cli.Run("merge", "bigwig", "--out", _cli.PathOf("m.bw"), part);

        Assert.Equal(1, run.Exit);
        Assert.Contains(part, run.Error);
    }
}
