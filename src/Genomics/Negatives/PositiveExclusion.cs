namespace Cnn.MLNet.Genomics;

/// <summary>
/// The positives, each widened by a margin, merged per chromosome into sorted disjoint
/// half-open intervals, for fast overlap checks. Internal to <see cref="GcMatchedBackground"/>.
/// </summary>
internal sealed class PositiveExclusion
{
    private readonly Dictionary<string, (long Start, long End)[]> _merged;

    public PositiveExclusion(IEnumerable<(string Chromosome, long Start, long End)> positives, long margin)
    {
        _merged = positives
            .GroupBy(p => p.Chromosome, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Merge(g.Select(p => (p.Start - margin, p.End + margin))), StringComparer.Ordinal);
    }

    /// <summary>True when [start, end) shares a base with a widened positive.</summary>
    public bool Overlaps(string chromosome, long start, long end)
    {
        if (!_merged.TryGetValue(chromosome, out var intervals)) return false;
        // First interval that ends after start; it overlaps when it begins before end.
        int lo = 0, hi = intervals.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (intervals[mid].End > start) hi = mid; else lo = mid + 1;
        }
        return lo < intervals.Length && intervals[lo].Start < end;
    }

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
