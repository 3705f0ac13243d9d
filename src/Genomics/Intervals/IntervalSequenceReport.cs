using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// What <see cref="IntervalSequences.Load"/> yields for a genome and options: rows in all, rows whose
/// window reaches past a chromosome's ends (padded with <c>N</c>, never dropped), and both per chromosome.
/// </summary>
public sealed class IntervalSequenceReport
{
    internal IntervalSequenceReport(int length, IReadOnlyList<ChromosomeWindowCount> perChromosome)
    {
        Length = length;
        PerChromosome = perChromosome;
        Rows = perChromosome.Sum(c => c.Rows);
        PaddedRows = perChromosome.Sum(c => c.PaddedRows);
    }

    /// <summary>The window length.</summary>
    public int Length { get; }

    /// <summary>The number of rows (intervals).</summary>
    public long Rows { get; }

    /// <summary>The number of rows whose window was padded with <c>N</c> at a chromosome end.</summary>
    public long PaddedRows { get; }

    /// <summary>
    /// The number of intervals left out because their window overlaps
    /// <see cref="IntervalSequenceOptions.Exclude"/> (not counted in <see cref="Rows"/>); 0 without it.
    /// </summary>
    public long ExcludedRows { get; internal init; }

    /// <summary>The number of excluded regions on chromosomes the genome lacks (ignored); 0 without <see cref="IntervalSequenceOptions.Exclude"/>.</summary>
    public int ExcludedRegionsNotInGenome { get; internal init; }

    /// <summary>Whether excluded regions were given (so the table reports them).</summary>
    internal bool Excluding { get; init; }

    /// <summary>The counts of each chromosome that has rows, in genome order.</summary>
    public IReadOnlyList<ChromosomeWindowCount> PerChromosome { get; }

    /// <summary>A table: one line per chromosome, then the total.</summary>
    public override string ToString()
    {
        int width = Math.Max("chromosome".Length, PerChromosome.Select(c => c.Chromosome.Length).DefaultIfEmpty(0).Max());
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"chromosome".PadRight(width)}  {"rows",10}  {"padded",10}");
        foreach (var c in PerChromosome)
            text.AppendLine(CultureInfo.InvariantCulture, $"{c.Chromosome.PadRight(width)}  {c.Rows,10}  {c.PaddedRows,10}");
        text.Append(CultureInfo.InvariantCulture, $"{"total".PadRight(width)}  {Rows,10}  {PaddedRows,10}");
        if (Excluding)
            text.Append(CultureInfo.InvariantCulture, $"\nexcluded: {ExcludedRows} rows overlapping excluded regions dropped; {ExcludedRegionsNotInGenome} excluded regions on chromosomes the genome lacks ignored");
        return text.ToString();
    }
}

/// <summary>The rows of one chromosome in an <see cref="IntervalSequenceReport"/>.</summary>
/// <param name="Chromosome">The chromosome.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="PaddedRows">Its rows whose window was padded with <c>N</c>.</param>
public sealed record ChromosomeWindowCount(string Chromosome, long Rows, long PaddedRows);
