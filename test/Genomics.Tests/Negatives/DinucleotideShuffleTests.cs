namespace Cnn.MLNet.Genomics.Tests.Negatives;

public class DinucleotideShuffleTests
{
    private const string Alphabet = "ACGTACGTACGTacgtN";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(50)]
    [InlineData(1000)]
    public void Keeps_every_ordered_pair_count_and_both_ends_including_lowercase_and_N(int length)
    {
        var random = new Random(length);
        for (int trial = 0; trial < 20; trial++)
        {
            string input = RandomSequence(random, length);
            string output = DinucleotideShuffle.Shuffle(input, random);

            Assert.Equal(input.Length, output.Length);
            Assert.Equal(PairCounts(input), PairCounts(output));
            Assert.Equal(input.OrderBy(c => c), output.OrderBy(c => c));
            if (length > 0)
            {
                Assert.Equal(input[0], output[0]);
                Assert.Equal(input[^1], output[^1]);
            }
        }
    }

    [Fact]
    public void Empty_sequence_is_returned_unchanged() =>
        Assert.Equal("", DinucleotideShuffle.Shuffle("", new Random(1)));

    [Fact]
    public void Long_sequences_change_and_different_shuffles_differ()
    {
        var random = new Random(7);
        string input = RandomSequence(random, 500);
        var outputs = Enumerable.Range(0, 20).Select(_ => DinucleotideShuffle.Shuffle(input, random)).ToList();

        Assert.All(outputs, o => Assert.NotEqual(input, o));
        Assert.Equal(outputs.Count, outputs.Distinct().Count());
        // Motif destroyed: positions agree only at about background rate (far from identity).
        Assert.All(outputs, o => Assert.InRange(input.Zip(o).Count(p => p.First == p.Second), 0, 250));
    }

    [Fact]
    public void Same_seed_same_output_and_another_seed_another()
    {
        string input = RandomSequence(new Random(3), 300);
        Assert.Equal(DinucleotideShuffle.Shuffle(input, new Random(11)), DinucleotideShuffle.Shuffle(input, new Random(11)));
        Assert.NotEqual(DinucleotideShuffle.Shuffle(input, new Random(11)), DinucleotideShuffle.Shuffle(input, new Random(12)));
    }

    [Fact]
    public void Many_sequences_overload_is_deterministic_and_shuffles_each()
    {
        var inputs = Enumerable.Range(0, 10).Select(i => RandomSequence(new Random(i), 100)).ToList();
        var first = DinucleotideShuffle.Shuffle(inputs, seed: 5);
        var second = DinucleotideShuffle.Shuffle(inputs, seed: 5);

        Assert.Equal(first, second);
        Assert.Equal(inputs.Count, first.Count);
        for (int i = 0; i < inputs.Count; i++) Assert.Equal(PairCounts(inputs[i]), PairCounts(first[i]));
        Assert.NotEqual(first, DinucleotideShuffle.Shuffle(inputs, seed: 6));
    }

    [Fact]
    public void A_sequence_with_a_single_valid_shuffle_is_returned_as_is()
    {
        // A→C→G→T→A only: every vertex has one kind of exit, so the walk is forced.
        string input = string.Concat(Enumerable.Repeat("ACGT", 25));
        var random = new Random(1);
        for (int i = 0; i < 10; i++) Assert.Equal(input, DinucleotideShuffle.Shuffle(input, random));
    }

    [Fact]
    public void Every_valid_shuffle_of_a_small_sequence_appears_about_equally_often()
    {
        const string input = "ACAGATCAAGTAC";
        var valid = ValidShuffles(input);
        Assert.InRange(valid.Count, 5, 2000); // enough outcomes to test, few enough to count each

        const int draws = 30_000;
        var random = new Random(2024);
        var observed = new Dictionary<string, int>();
        for (int i = 0; i < draws; i++)
        {
            string output = DinucleotideShuffle.Shuffle(input, random);
            observed[output] = observed.GetValueOrDefault(output) + 1;
        }

        Assert.Subset(valid, observed.Keys.ToHashSet());     // only valid outputs
        Assert.Equal(valid.Count, observed.Count);           // and every one of them
        double expected = (double)draws / valid.Count;
        double chiSquare = observed.Values.Sum(o => (o - expected) * (o - expected) / expected);
        int df = valid.Count - 1;
        // Mean df, sd sqrt(2 df): 6 sd above is far beyond chance, while a biased sampler lands far higher.
        Assert.True(chiSquare < df + 6 * Math.Sqrt(2 * df), $"chi-square {chiSquare:F1} with {df} df over {valid.Count} outcomes");
    }

    private static string RandomSequence(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

    private static Dictionary<(char, char), int> PairCounts(string s)
    {
        var counts = new Dictionary<(char, char), int>();
        for (int i = 0; i + 1 < s.Length; i++) counts[(s[i], s[i + 1])] = counts.GetValueOrDefault((s[i], s[i + 1])) + 1;
        return counts;
    }

    /// <summary>Brute force: every distinct arrangement of the letters with the same pair counts and ends.</summary>
    private static HashSet<string> ValidShuffles(string input)
    {
        var target = PairCounts(input);
        var remaining = input.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var result = new HashSet<string>();
        var buffer = new char[input.Length];
        void Extend(int position)
        {
            if (position == buffer.Length)
            {
                var s = new string(buffer);
                if (s[0] == input[0] && s[^1] == input[^1] && PairCounts(s).Count == target.Count
                    && PairCounts(s).All(kv => target.GetValueOrDefault(kv.Key) == kv.Value))
                    result.Add(s);
                return;
            }
            foreach (char c in remaining.Keys.ToList())
            {
                if (remaining[c] == 0) continue;
                if (position == 0 && c != input[0]) continue;
                if (position > 0 && !target.ContainsKey((buffer[position - 1], c))) continue;
                remaining[c]--;
                buffer[position] = c;
                Extend(position + 1);
                remaining[c]++;
            }
        }
        Extend(0);
        return result;
    }
}
