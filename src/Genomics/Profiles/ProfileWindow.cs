namespace Cnn.MLNet.Genomics;

/// <summary>
/// One row of a profile view: only the input window's place (a few dozen bytes), so a view over
/// hundreds of thousands of windows stays small; bases and track values are read per row.
/// </summary>
/// <param name="Chromosome">The chromosome, as the BED file (or the genome, for background) names it.</param>
/// <param name="Start">The input window's first base (may be negative: padded).</param>
/// <param name="IsPeak">Peak or background.</param>
/// <param name="LineNumber">The BED line of a peak, for messages; 0 for background.</param>
internal readonly record struct ProfileWindow(string Chromosome, long Start, bool IsPeak, long LineNumber);
