namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Shuffles of a sequence of symbols that keep every dinucleotide count and the first and last
/// symbol (Altschul &amp; Erickson 1985), the references DeepSHAP uses for DNA. The sequence is an
/// Eulerian path through the graph whose edges are its dinucleotides; any other Eulerian path
/// from the same first symbol is a shuffle with the same counts. Each symbol's outgoing edges are
/// permuted at random except its last one, and the path is walked: keeping each symbol's last
/// edge (they form a tree into the final symbol) guarantees the walk uses every edge, so the result
/// has the input's length. This is the simplification DeepLIFT's and tangermeme's
/// <c>dinuc_shuffle</c> make: not every shuffle is reachable, but every result is a valid one.
/// </summary>
internal static class DinucleotideShuffle
{
    /// <summary>
    /// Writes <paramref name="count"/> shuffles of <paramref name="symbols"/> (any non-negative
    /// integers) into <paramref name="shuffles"/>, one after another.
    /// </summary>
    public static void Shuffle(ReadOnlySpan<int> symbols, int count, Random random, Span<int> shuffles)
    {
        int length = symbols.Length;
        if (shuffles.Length < count * length) throw new ArgumentException($"Room for {count * length} symbols is needed.", nameof(shuffles));
        if (length == 0 || count == 0) return;
        int alphabet = 0;
        foreach (int s in symbols) alphabet = Math.Max(alphabet, s + 1);

        // successors[s] holds the positions that follow an occurrence of symbol s (every edge out of s).
        var successors = new List<int>[alphabet];
        for (int s = 0; s < alphabet; s++) successors[s] = [];
        for (int i = 0; i + 1 < length; i++) successors[symbols[i]].Add(i + 1);
        var order = successors.Select(list => list.ToArray()).ToArray();
        var next = new int[alphabet];

        for (int k = 0; k < count; k++)
        {
            // Permute all but each symbol's last edge (Fisher–Yates over the prefix).
            foreach (var edges in order)
                for (int i = edges.Length - 2; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (edges[i], edges[j]) = (edges[j], edges[i]);
                }
            Array.Clear(next);
            var result = shuffles.Slice(k * length, length);
            int position = 0;
            result[0] = symbols[0];
            for (int j = 1; j < length; j++)
            {
                int s = symbols[position];
                position = order[s][next[s]++];
                result[j] = symbols[position];
            }
        }
    }
}
