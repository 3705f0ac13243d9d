using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Fixed-length windows of a genome over the intervals of BED files, as an <see cref="IDataView"/>
/// with columns <c>Sequence</c> (text, exactly <see cref="IntervalSequenceOptions.Length"/> bases,
/// case kept), <c>Chromosome</c> (text), <c>Start</c> and <c>End</c> (Int64, the window's 0-based,
/// end-exclusive coordinates; <c>Start</c> may be negative), then <c>Label</c> as chosen by
/// <see cref="IntervalSequenceOptions.LabelSource"/>. Windows reaching past a chromosome's ends are
/// padded with <c>N</c>, never dropped; <see cref="Describe"/> counts them. Windows sharing a base
/// with <see cref="IntervalSequenceOptions.Exclude"/> are dropped, and counted by <see cref="Describe"/>.
/// </summary>
public static class IntervalSequences
{
    /// <summary>
    /// Reads the BED file(s) once, checking every line (format, chromosome known to
    /// <paramref name="genome"/>, label), and returns a view that cuts each window's bases from
    /// <paramref name="genome"/> only when a cursor reads the <c>Sequence</c> column. The intervals are
    /// held as a list (BED files are small next to the genome); the genome is shared, not copied.
    /// </summary>
    /// <param name="ml">The ML.NET context (kept for symmetry with ML.NET's loaders).</param>
    /// <param name="genome">The genome, loaded once with <see cref="Genome.Load(string)"/>.</param>
    /// <param name="options">Which intervals, window length and anchor, and label.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">A BED file does not exist.</exception>
    /// <exception cref="FormatException">A BED line is bad; the message names the file and line.</exception>
    public static IDataView Load(MLContext ml, Genome genome, IntervalSequenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var windows = IntervalWindows.Build(genome, options);
        return new IntervalSequenceDataView(genome, options, windows);
    }

    /// <summary>
    /// Counts the rows that <see cref="Load"/> gives for the same arguments, in all and per chromosome,
    /// how many of them are padded with <c>N</c> at a chromosome end, and how many were dropped for
    /// overlapping <see cref="IntervalSequenceOptions.Exclude"/>. Reads the BED file(s) once; cuts no sequences.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">A BED file does not exist.</exception>
    /// <exception cref="FormatException">A BED line is bad; the message names the file and line.</exception>
    public static IntervalSequenceReport Describe(Genome genome, IntervalSequenceOptions options)
    {
        var windows = IntervalWindows.Build(genome, options, out long excluded);
        var rows = new Dictionary<string, (long Rows, long Padded)>(StringComparer.Ordinal);
        foreach (var window in windows)
        {
            string name = genome.CanonicalName(window.Chromosome) ?? window.Chromosome; // an alias counts for its chromosome
            rows.TryGetValue(name, out var count);
            bool padded = IntervalWindows.IsPadded(genome, window, options.Length);
            rows[name] = (count.Rows + 1, count.Padded + (padded ? 1 : 0));
        }
        var perChromosome = genome.Chromosomes
            .Where(rows.ContainsKey)
            .Select(c => new ChromosomeWindowCount(c, rows[c].Rows, rows[c].Padded))
            .ToArray();
        return new IntervalSequenceReport(options.Length, perChromosome)
        {
            Excluding = options.Exclude is not null,
            ExcludedRows = excluded,
            ExcludedRegionsNotInGenome = options.Exclude?.RegionsNotIn(genome) ?? 0,
        };
    }
}
