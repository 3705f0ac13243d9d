namespace Cnn.MLNet.Genomics;

/// <summary>
/// The positives, each widened by a margin, for fast overlap checks (an <see cref="IntervalIndex"/>).
/// Internal to <see cref="GcMatchedBackground"/>.
/// </summary>
internal sealed class PositiveExclusion
{
    private readonly IntervalIndex _index;

    public PositiveExclusion(IEnumerable<(string Chromosome, long Start, long End)> positives, long margin) =>
        _index = new IntervalIndex(positives.Select(p => (p.Chromosome, p.Start - margin, p.End + margin)));

    /// <summary>True when [start, end) shares a base with a widened positive.</summary>
    public bool Overlaps(string chromosome, long start, long end) => _index.Overlaps(chromosome, start, end);
}
