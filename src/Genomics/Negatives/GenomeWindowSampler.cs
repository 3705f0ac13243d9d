namespace Cnn.MLNet.Genomics;

/// <summary>
/// Draws window start positions uniformly over every position of the genome where a window of
/// the given length fits inside its chromosome. Chromosomes are ordered by name (ordinal), so the
/// draws depend only on the seed, not on the dictionary's enumeration order.
/// </summary>
internal sealed class GenomeWindowSampler
{
    private readonly string[] _names;
    private readonly long[] _cumulativeStarts;

    public GenomeWindowSampler(Genome genome, int length)
    {
        var fitting = genome.Chromosomes
            .Select((name, index) => (Key: name, Length: genome.Bases.LengthOf(index)))
            .Where(c => c.Length >= length)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToArray();
        _names = fitting.Select(c => c.Key).ToArray();
        _cumulativeStarts = new long[fitting.Length];
        long total = 0;
        for (int i = 0; i < fitting.Length; i++)
        {
            total += fitting[i].Length - length + 1;
            _cumulativeStarts[i] = total;
        }
    }

    /// <summary>Number of positions a window can start at; 0 when no chromosome is long enough.</summary>
    public long Positions => _cumulativeStarts.Length == 0 ? 0 : _cumulativeStarts[^1];

    public (string Chromosome, long Start) Draw(Random random)
    {
        long r = random.NextInt64(Positions);
        int i = Array.BinarySearch(_cumulativeStarts, r + 1);
        if (i < 0) i = ~i;
        long before = i == 0 ? 0 : _cumulativeStarts[i - 1];
        return (_names[i], r - before);
    }
}
