namespace Cnn.MLNet.Genomics;

/// <summary>
/// A sequence as a walk through the multigraph of its adjacent character pairs: one vertex per
/// distinct character, one edge per adjacent pair. Internal to <see cref="DinucleotideShuffle"/>.
/// </summary>
internal sealed class TransitionGraph
{
    private TransitionGraph(char[] symbols, int[] path, List<int>[] exits)
    {
        Symbols = symbols;
        Path = path;
        Exits = exits;
    }

    /// <summary>The distinct characters, in order of first appearance; a vertex is an index into this.</summary>
    public char[] Symbols { get; }

    /// <summary>The input as vertex indices.</summary>
    public int[] Path { get; }

    /// <summary>For each vertex, the target of each of its outgoing edges, in the order <see cref="Walk"/> takes them.</summary>
    public List<int>[] Exits { get; }

    public static TransitionGraph Build(string sequence)
    {
        var index = new Dictionary<char, int>();
        var symbols = new List<char>();
        var path = new int[sequence.Length];
        for (int i = 0; i < sequence.Length; i++)
        {
            if (!index.TryGetValue(sequence[i], out int vertex))
            {
                vertex = symbols.Count;
                index.Add(sequence[i], vertex);
                symbols.Add(sequence[i]);
            }
            path[i] = vertex;
        }
        var exits = new List<int>[symbols.Count];
        for (int v = 0; v < exits.Length; v++) exits[v] = new List<int>();
        for (int i = 0; i + 1 < path.Length; i++) exits[path[i]].Add(path[i + 1]);
        return new TransitionGraph(symbols.ToArray(), path, exits);
    }

    /// <summary>Spells the walk from the first character that leaves each vertex by its exits in order.</summary>
    public string Walk()
    {
        var taken = new int[Exits.Length];
        var result = new char[Path.Length];
        int vertex = Path[0];
        result[0] = Symbols[vertex];
        for (int i = 1; i < result.Length; i++)
        {
            vertex = Exits[vertex][taken[vertex]++];
            result[i] = Symbols[vertex];
        }
        return new string(result);
    }
}
