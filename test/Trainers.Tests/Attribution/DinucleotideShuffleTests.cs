using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Trainers.Tests.Attribution;

/// <summary>The references of DeepSHAP must really be shuffled, and keep what a dinucleotide shuffle keeps.</summary>
public class DinucleotideShuffleTests
{
    private static int[] Random(int length, int alphabet, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.Next(alphabet)).ToArray();
    }

    private static Dictionary<(int, int), int> Dinucleotides(ReadOnlySpan<int> s)
    {
        var counts = new Dictionary<(int, int), int>();
        for (int i = 0; i + 1 < s.Length; i++) counts[(s[i], s[i + 1])] = counts.GetValueOrDefault((s[i], s[i + 1])) + 1;
        return counts;
    }

    [Theory]
    [InlineData(200, 4, 1)]
    [InlineData(600, 5, 2)] // with a fifth symbol, as N or a soft-masked base makes
    [InlineData(31, 2, 3)]
    public void Shuffles_keep_every_dinucleotide_count_and_both_ends_and_really_shuffle(int length, int alphabet, int seed)
    {
        var sequence = Random(length, alphabet, seed);
        const int count = 20;
        var shuffles = new int[count * length];
        DinucleotideShuffle.Shuffle(sequence, count, new Random(seed), shuffles);

        var expected = Dinucleotides(sequence);
        var distinct = new HashSet<string>();
        for (int k = 0; k < count; k++)
        {
            var shuffle = shuffles.AsSpan(k * length, length);
            Assert.Equal(expected.OrderBy(p => p.Key), Dinucleotides(shuffle).OrderBy(p => p.Key));
            Assert.Equal(sequence[0], shuffle[0]);
            Assert.Equal(sequence[^1], shuffle[^1]);
            int moved = 0;
            for (int i = 0; i < length; i++) if (shuffle[i] != sequence[i]) moved++;
            Assert.True(moved >= length / 4, $"shuffle {k} differs from the input at only {moved} of {length} positions: not a real shuffle");
            distinct.Add(string.Join(",", shuffle.ToArray()));
        }
        Assert.Equal(count, distinct.Count); // the references differ from one another, not copies of one shuffle
    }

    [Fact]
    public void Shuffles_are_deterministic_for_a_seed()
    {
        var sequence = Random(100, 4, 9);
        var a = new int[300];
        var b = new int[300];
        DinucleotideShuffle.Shuffle(sequence, 3, new Random(5), a);
        DinucleotideShuffle.Shuffle(sequence, 3, new Random(5), b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_sequence_of_one_repeated_symbol_shuffles_to_itself()
    {
        var sequence = Enumerable.Repeat(2, 50).ToArray();
        var shuffles = new int[100];
        DinucleotideShuffle.Shuffle(sequence, 2, new Random(1), shuffles);
        Assert.All(shuffles, s => Assert.Equal(2, s));
    }
}
