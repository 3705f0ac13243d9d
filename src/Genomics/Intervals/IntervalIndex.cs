namespace Cnn.MLNet.Genomics;

/// <summary>
/// Half-open intervals merged per chromosome into sorted disjoint runs, so "does [start, end) share a
/// base with any of them" is one binary search: millions of windows against thousands of regions.
/// </summary>
internal sealed class IntervalIndex
{
    private readonly Dictionary<string, (long Start, long End)[]> _merged;

    /// <summary>Indexes the intervals; empty ones (<c>start ≥ end</c>) hold no base and are left out.</summary>
    public IntervalIndex(IEnumerable<(string Chromosome, long Start, long End)> intervals)
    {
        _merged = intervals
            .Where(i => i.End > i.Start)
            .GroupBy(i => i.Chromosome, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Merge(g.Select(i => (i.Start, i.End))), StringComparer.Ordinal);
    }

    /// <summary>True when [start, end) shares at least one base with an indexed interval.</summary>
    public bool Overlaps(string chromosome, long start, long end)
    {
        if (end <= start || !_merged.TryGetValue(chromosome, out var intervals)) return false;
        // First run that ends after start; it overlaps when it begins before end.
        int lo = 0, hi = intervals.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (intervals[mid].End > start) hi = mid; else lo = mid + 1;
        }
        return lo < intervals.Length && intervals[lo].Start < end;
    }

    /// <summary>True when an indexed interval contains the base at <paramref name="position"/>.</summary>
    public bool Contains(string chromosome, long position) => Overlaps(chromosome, position, position + 1);

    private static (long Start, long End)[] Merge(IEnumerable<(long Start, long End)> intervals)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var (start, end) in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            else
                merged.Add((start, end));
        }
        return merged.ToArray();
    }
}
