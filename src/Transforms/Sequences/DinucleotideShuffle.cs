using System.Runtime.InteropServices;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Dinucleotide-preserving shuffle: a uniformly random sequence with exactly the same counts of
/// every ordered pair of adjacent characters, and the same first and last character, as the input.
/// The standard way to make negatives that keep a sequence's local composition (CpG depletion, GC
/// content, low-complexity runs) but destroy its motifs.
/// </summary>
/// <remarks>
/// <para>
/// The Altschul–Erickson (1985) algorithm with the uniform last-edge tree of Kandel et al. (1996),
/// as in uShuffle and MEME's <c>fasta-shuffle-letters -kmer 2</c>. The sequence is a walk through
/// the multigraph whose vertices are its characters and whose edges are its adjacent pairs, so
/// every sequence with the same pair counts and ends is an Eulerian path of that graph. A random
/// spanning arborescence towards the last character is drawn with Wilson's loop-erased random walk
/// (each edge of the multigraph equally likely, so trees are weighted by edge multiplicity); it
/// fixes each other vertex's last exit; the remaining exits of every vertex are shuffled; the walk
/// from the first character then spells the output. Every distinct output is equally likely.
/// </para>
/// <para>
/// Characters are taken exactly as given, case-sensitively: soft-masked lowercase bases, N and
/// any other symbol are simply more vertices, so the counts of every ordered pair of characters
/// are preserved exactly (e.g. an "aC" pair stays "aC").
/// </para>
/// </remarks>
public static class DinucleotideShuffle
{
    /// <summary>Shuffles one sequence, preserving its dinucleotide counts and its two ends.</summary>
    /// <param name="sequence">Any characters; sequences of length 0 to 2 are returned unchanged (their only valid shuffle).</param>
    /// <param name="random">The source of randomness; the same seed gives the same output.</param>
    public static string Shuffle(string sequence, Random random)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(random);
        if (sequence.Length <= 2) return sequence;

        var graph = TransitionGraph.Build(sequence);
        int root = graph.Path[^1];
        int[] lastExit = RandomArborescence(graph.Exits, root, random);
        for (int v = 0; v < graph.Exits.Length; v++)
        {
            var exits = CollectionsMarshal.AsSpan(graph.Exits[v]);
            if (v == root)
            {
                random.Shuffle(exits);
                continue;
            }
            (exits[lastExit[v]], exits[^1]) = (exits[^1], exits[lastExit[v]]);
            random.Shuffle(exits[..^1]);
        }
        return graph.Walk();
    }

    /// <summary>
    /// Shuffles many sequences with one random stream seeded by <paramref name="seed"/>, in order;
    /// the same seed and sequences give the same outputs.
    /// </summary>
    public static IReadOnlyList<string> Shuffle(IEnumerable<string> sequences, int seed)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var random = new Random(seed);
        return sequences.Select(s => Shuffle(s, random)).ToList();
    }

    /// <summary>
    /// Wilson's algorithm: for every vertex but the root, the index (into its exit list) of the
    /// exit on its path to the root in a random spanning arborescence, drawn with probability
    /// proportional to the product of the chosen edges' multiplicities.
    /// </summary>
    private static int[] RandomArborescence(List<int>[] exits, int root, Random random)
    {
        var inTree = new bool[exits.Length];
        var next = new int[exits.Length];
        inTree[root] = true;
        for (int start = 0; start < exits.Length; start++)
        {
            // Random walk until the tree is hit; overwriting next[] erases the loops.
            for (int v = start; !inTree[v]; v = exits[v][next[v]])
                next[v] = random.Next(exits[v].Count);
            for (int v = start; !inTree[v]; v = exits[v][next[v]])
                inTree[v] = true;
        }
        return next;
    }
}
