namespace Cnn.MLNet.Genomics;

/// <summary>
/// Regions to keep out of training and background, such as the ENCODE blacklist (exclusion list):
/// a window is excluded when it shares at least one base with a region (0-based, half-open, so a
/// window ending where a region starts is kept). Set it as
/// <see cref="IntervalSequenceOptions.Exclude"/> and <see cref="GcMatchedOptions.Exclude"/>.
/// </summary>
/// <remarks>
/// The regions are merged per chromosome and searched by bisection, so checking a window costs
/// O(log regions). Regions on chromosomes the genome lacks are ignored, not refused, because
/// published blacklists list alt and unplaced contigs a genome build may not carry; the reports count
/// them (<see cref="RegionsNotIn(Genome)"/>).
/// </remarks>
public sealed class ExcludedRegions
{
    private readonly IntervalIndex _index;
    private readonly Dictionary<string, int> _regionsPerChromosome;
    private readonly List<(string Chromosome, long Start, long End)> _regions;
    private (Genome Genome, IntervalIndex Index)? _canonical;

    /// <summary>Excludes the given regions (0-based, end-exclusive; empty ones exclude nothing).</summary>
    /// <param name="regions">The regions; read once.</param>
    /// <param name="source">Where they came from, for messages (a file path); null for regions built in code.</param>
    public ExcludedRegions(IEnumerable<(string Chromosome, long Start, long End)> regions, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var list = regions.ToList();
        _regions = list;
        _index = new IntervalIndex(list);
        _regionsPerChromosome = list.GroupBy(r => r.Chromosome, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Count = list.Count;
        Source = source;
    }

    /// <summary>Reads the regions of a BED file (any dialect <see cref="BedFile"/> reads, gzip included; only columns 1–3 are used).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static ExcludedRegions FromBed(string path) =>
        new(BedFile.Enumerate(path).Select(i => (i.Chromosome, i.Start, i.End)), path);

    /// <summary>The number of regions given (before merging).</summary>
    public int Count { get; }

    /// <summary>The BED file they were read from, or the source given; null for regions built in code.</summary>
    public string? Source { get; }

    /// <summary>True when the window [start, end) of <paramref name="chromosome"/> shares at least one base with a region.</summary>
    public bool Overlaps(string chromosome, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(chromosome);
        return _index.Overlaps(chromosome, start, end);
    }

    /// <summary>
    /// <see cref="Overlaps(string, long, long)"/> with names compared as <paramref name="genome"/>
    /// resolves them, so a blacklist naming <c>1</c> applies to windows on <c>chr1</c> when the
    /// genome's chromosome aliases say they are one sequence.
    /// </summary>
    internal bool Overlaps(Genome genome, string chromosome, long start, long end)
    {
        var canonical = _canonical;
        if (canonical is null || !ReferenceEquals(canonical.Value.Genome, genome))
        {
            canonical = (genome, new IntervalIndex(_regions.Select(r => (genome.CanonicalName(r.Chromosome) ?? r.Chromosome, r.Start, r.End)).ToList()));
            _canonical = canonical;
        }
        return canonical.Value.Index.Overlaps(genome.CanonicalName(chromosome) ?? chromosome, start, end);
    }

    /// <summary>How many regions lie on chromosomes <paramref name="genome"/> does not have (these exclude nothing).</summary>
    public int RegionsNotIn(Genome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        return RegionsNotIn(genome.Contains);
    }

    /// <summary>How many regions lie on chromosomes for which <paramref name="has"/> is false.</summary>
    internal int RegionsNotIn(Func<string, bool> has) =>
        _regionsPerChromosome.Where(c => !has(c.Key)).Sum(c => c.Value);
}
