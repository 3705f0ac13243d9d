namespace Cnn.MLNet.Genomics;

/// <summary>
/// The intervals of one task file, per chromosome, sorted by start with a running maximum of ends,
/// so that "does any interval contain this base?" is one binary search.
/// </summary>
internal sealed class TaskIntervalIndex
{
    private readonly Dictionary<string, (long[] Starts, long[] MaxEnds)> _byChromosome = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="intervals"/>.</summary>
    public TaskIntervalIndex(IEnumerable<BedInterval> intervals)
    {
        foreach (var group in intervals.GroupBy(i => i.Chromosome, StringComparer.Ordinal))
        {
            var sorted = group.OrderBy(i => i.Start).ToArray();
            var starts = new long[sorted.Length];
            var maxEnds = new long[sorted.Length];
            long max = long.MinValue;
            for (int i = 0; i < sorted.Length; i++)
            {
                starts[i] = sorted[i].Start;
                max = Math.Max(max, sorted[i].End);
                maxEnds[i] = max;
            }
            _byChromosome[group.Key] = (starts, maxEnds);
        }
    }

    /// <summary>Whether some interval <c>[start, end)</c> of <paramref name="chromosome"/> contains <paramref name="position"/>.</summary>
    public bool Contains(string chromosome, long position)
    {
        if (!_byChromosome.TryGetValue(chromosome, out var index))
            return false;
        // The last interval starting at or before the position; an earlier one may still reach past it.
        int found = Array.BinarySearch(index.Starts, position);
        int last = found >= 0 ? LastEqual(index.Starts, found) : ~found - 1;
        return last >= 0 && index.MaxEnds[last] > position;
    }

    private static int LastEqual(long[] starts, int found)
    {
        while (found + 1 < starts.Length && starts[found + 1] == starts[found])
            found++;
        return found;
    }
}
