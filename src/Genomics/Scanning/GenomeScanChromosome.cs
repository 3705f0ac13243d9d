namespace Cnn.MLNet.Genomics;

/// <summary>One scanned chromosome.</summary>
/// <param name="Chromosome">The chromosome's name.</param>
/// <param name="Length">Its number of bases.</param>
/// <param name="Windows">The windows scored on it (= the bedGraph lines written for it).</param>
public sealed record GenomeScanChromosome(string Chromosome, int Length, long Windows);
