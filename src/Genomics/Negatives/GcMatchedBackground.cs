using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Samples background (negative) intervals from a genome whose GC-content distribution matches a
/// set of positive peaks, so a model cannot separate peaks from background by GC alone.
/// </summary>
/// <remarks>
/// The positives' GC is measured on a window of the requested length centred on each peak (shifted
/// inward at chromosome ends) and binned into <see cref="GcMatchedOptions.Bins"/> equal-width bins.
/// Each bin's quota is its positive count scaled to the requested total (largest remainder).
/// Candidates are then drawn uniformly over the genome and accepted while their bin's quota is
/// open, when they lie inside their chromosome, keep clear of every positive widened by the
/// margin, do not overlap an earlier background interval (unless allowed) and have few enough
/// unknown bases. Same inputs and seed, same intervals.
/// Candidates sharing a base with <see cref="GcMatchedOptions.Exclude"/> (a blacklist) are rejected too.
/// </remarks>
public static class GcMatchedBackground
{
    /// <summary>Samples GC-matched background intervals of a fixed length.</summary>
    /// <param name="genome">The reference genome (<see cref="Genome.Load(string)"/>).</param>
    /// <param name="positives">The positive peaks: 0-based, half-open [Start, End).</param>
    /// <param name="length">Length of every background interval (and of the positives' GC windows).</param>
    /// <param name="count">How many intervals to sample; null means as many as there are positives.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="options">Bins, margin, unknown-base limit, attempt guard; null for the defaults.</param>
    /// <returns>The intervals and a report comparing their GC histogram with the positives'.</returns>
    /// <exception cref="ArgumentException">An argument is out of range, or a positive is not on a known chromosome or has no called base.</exception>
    /// <exception cref="InvalidOperationException">The genome cannot supply enough matching intervals within the attempt guard; the message names the unfilled GC bins.</exception>
    public static GcMatchedSample Sample(
        Genome genome,
        IReadOnlyList<(string Chromosome, long Start, long End)> positives,
        int length,
        int? count = null,
        int seed = 1,
        GcMatchedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(genome);
        options ??= new GcMatchedOptions();
        Validate(genome, positives, length, count, options);
        // Aliases name the genome's own chromosomes from here on, so exclusions meet the draws.
        positives = positives.Select(p => (genome.CanonicalName(p.Chromosome)!, p.Start, p.End)).ToList();
        int total = count ?? positives.Count;
        int bins = options.Bins;

        var window = new byte[length];
        var positiveCounts = positives.Select(p => CentredWindowGc(genome, p, window)).ToArray();
        int[] positiveBins = new int[bins];
        foreach (var (gc, called) in positiveCounts) positiveBins[GcContent.Bin(gc, called, bins)]++;
        int[] quota = Apportion(positiveBins, total);

        var sampler = new GenomeWindowSampler(genome, length);
        if (sampler.Positions == 0)
            throw new InvalidOperationException($"GcMatchedBackground: no chromosome is at least {length} bases long, so no background interval of that length fits.");
        var exclusion = new PositiveExclusion(positives, options.Margin ?? length);
        var taken = new Dictionary<string, SortedSet<long>>(StringComparer.Ordinal);
        var random = new Random(seed);
        var filled = new int[bins];
        var intervals = new List<BackgroundInterval>(total);
        long maxAttempts = (long)total * options.MaxAttemptsPerInterval;
        long attempts = 0, excluded = 0;
        double maxUnknown = options.MaxUnknownFraction * length;

        while (intervals.Count < total)
        {
            if (attempts == maxAttempts)
                throw Unfilled(attempts, length, quota, filled, bins);
            attempts++;
            var (chromosome, start) = sampler.Draw(random);
            long end = start + length;
            if (exclusion.Overlaps(chromosome, start, end)) continue;
            if (options.Exclude?.Overlaps(genome, chromosome, start, end) == true) { excluded++; continue; }
            if (!options.AllowOverlappingBackground && taken.TryGetValue(chromosome, out var starts)
                && starts.GetViewBetween(start - length + 1, end - 1).Count > 0) continue;

            genome.Bases.Read(genome.IndexOf(chromosome), start, window);
            var (gcCount, called) = GcContent.Count(window);
            if (called == 0 || length - called > maxUnknown) continue;
            int bin = GcContent.Bin(gcCount, called, bins);
            if (filled[bin] >= quota[bin]) continue;

            filled[bin]++;
            intervals.Add(new BackgroundInterval(chromosome, start, end, (double)gcCount / called));
            if (!taken.TryGetValue(chromosome, out starts)) taken[chromosome] = starts = new SortedSet<long>();
            starts.Add(start);
        }

        var report = new GcMatchReport(
            Enumerable.Range(0, bins).Select(b => new GcBin(b, (double)b / bins, (double)(b + 1) / bins, positiveBins[b], quota[b], filled[b])).ToList(),
            positiveCounts.Average(c => (double)c.Gc / c.Called),
            intervals.Count == 0 ? double.NaN : intervals.Average(i => i.Gc),
            attempts)
        { ExcludedDraws = excluded };
        return new GcMatchedSample(intervals, report);
    }

    /// <summary>The sampler over chromosome arrays (tests build small genomes this way).</summary>
    internal static GcMatchedSample SampleArrays(
        IReadOnlyDictionary<string, byte[]> chromosomes,
        IReadOnlyList<(string Chromosome, long Start, long End)> positives,
        int length,
        int? count = null,
        int seed = 1,
        GcMatchedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chromosomes);
        return Sample(Genome.FromArrays("(arrays)", chromosomes), positives, length, count, seed, options);
    }

    private static (int Gc, int Called) CentredWindowGc(Genome genome, (string Chromosome, long Start, long End) positive, byte[] window)
    {
        int length = window.Length, index = genome.IndexOf(positive.Chromosome);
        long centre = positive.Start + (positive.End - positive.Start) / 2;
        long start = Math.Clamp(centre - length / 2, 0, genome.Bases.LengthOf(index) - length);
        genome.Bases.Read(index, start, window);
        var counts = GcContent.Count(window);
        if (counts.Called == 0)
            throw new ArgumentException($"GcMatchedBackground: the {length}-base window centred on positive {Describe(positive)} has no called (A/C/G/T) base, so its GC content is undefined.", "positives");
        return counts;
    }

    /// <summary>Scales bin counts to a total by the largest-remainder method (ties to the lower bin).</summary>
    private static int[] Apportion(int[] counts, int total)
    {
        long sum = counts.Sum();
        var quota = new int[counts.Length];
        var remainders = new (long Remainder, int Bin)[counts.Length];
        int assigned = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            long scaled = (long)counts[b] * total;
            quota[b] = (int)(scaled / sum);
            remainders[b] = (scaled % sum, b);
            assigned += quota[b];
        }
        foreach (var (_, bin) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Bin).Take(total - assigned))
            quota[bin]++;
        return quota;
    }

    private static InvalidOperationException Unfilled(long attempts, int length, int[] quota, int[] filled, int bins)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"GcMatchedBackground: after {attempts:N0} candidate draws the genome could not supply enough {length}-base background intervals in GC ");
        var open = Enumerable.Range(0, bins).Where(b => filled[b] < quota[b]).ToList();
        text.Append(open.Count == 1 ? "bin " : "bins ");
        text.AppendJoin(", ", open.Select(b => string.Create(CultureInfo.InvariantCulture,
            $"[{(double)b / bins:0.00}, {(double)(b + 1) / bins:0.00}{(b == bins - 1 ? "]" : ")")} ({filled[b]} of {quota[b]})")));
        text.Append(". Request fewer intervals, use fewer GcMatchedOptions.Bins, raise MaxAttemptsPerInterval or MaxUnknownFraction, lower Margin, or supply a larger genome.");
        return new InvalidOperationException(text.ToString());
    }

    private static void Validate(
        Genome genome,
        IReadOnlyList<(string Chromosome, long Start, long End)> positives,
        int length, int? count, GcMatchedOptions options)
    {
        ArgumentNullException.ThrowIfNull(positives);
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "GcMatchedBackground: length must be at least 1.");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "GcMatchedBackground: count must not be negative.");
        if (positives.Count == 0) throw new ArgumentException("GcMatchedBackground: at least one positive is needed to learn the GC distribution.", nameof(positives));
        if (options.Bins < 1) throw new ArgumentException($"GcMatchedBackground: Bins must be at least 1 (was {options.Bins}).", nameof(options));
        if (options.Margin < 0) throw new ArgumentException($"GcMatchedBackground: Margin must not be negative (was {options.Margin}).", nameof(options));
        if (!(options.MaxUnknownFraction >= 0 && options.MaxUnknownFraction <= 1))
            throw new ArgumentException($"GcMatchedBackground: MaxUnknownFraction must be between 0 and 1 (was {options.MaxUnknownFraction}).", nameof(options));
        if (options.MaxAttemptsPerInterval < 1)
            throw new ArgumentException($"GcMatchedBackground: MaxAttemptsPerInterval must be at least 1 (was {options.MaxAttemptsPerInterval}).", nameof(options));
        foreach (var positive in positives)
        {
            if (positive.Chromosome is null || !genome.Contains(positive.Chromosome))
                throw new ArgumentException($"GcMatchedBackground: positive {Describe(positive)} is on a chromosome the genome does not have.", nameof(positives));
            long size = genome.LengthOf(positive.Chromosome);
            if (positive.Start < 0 || positive.End <= positive.Start || positive.End > size)
                throw new ArgumentException($"GcMatchedBackground: positive {Describe(positive)} is not a non-empty interval inside its chromosome (length {size}).", nameof(positives));
            if (size < length)
                throw new ArgumentException($"GcMatchedBackground: positive {Describe(positive)} is on a chromosome shorter ({size}) than the window length {length}.", nameof(positives));
        }
    }

    private static string Describe((string Chromosome, long Start, long End) p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Chromosome}:{p.Start}-{p.End}");
}
