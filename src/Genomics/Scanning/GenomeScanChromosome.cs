namespace Cnn.MLNet.Genomics;

/// <summary>One scanned chromosome (or the part of it a <see cref="GenomeScanOptions.Region"/> chose).</summary>
/// <param name="Chromosome">The chromosome's name.</param>
/// <param name="Length">Its number of bases.</param>
/// <param name="Windows">The windows scored on it (= the bedGraph lines written for it).</param>
public sealed record GenomeScanChromosome(string Chromosome, int Length, long Windows)
{
    /// <summary>
    /// The index of the first window scored (it starts at <c>FirstWindow · stride</c>): 0 for a whole
    /// chromosome, later for a region, whose windows keep the whole scan's indices so they land in the
    /// same bins.
    /// </summary>
    public long FirstWindow { get; init; }
}
