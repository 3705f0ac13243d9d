namespace Cnn.MLNet.Genomics;

/// <summary>One bedGraph interval: bases [<paramref name="Start"/>, <paramref name="End"/>) of a chromosome (0-based, end-exclusive) carry <paramref name="Value"/>.</summary>
/// <param name="Chromosome">The chromosome's name.</param>
/// <param name="Start">The first base, 0-based.</param>
/// <param name="End">The end, exclusive.</param>
/// <param name="Value">The value of every base in the interval.</param>
public readonly record struct BedGraphRecord(string Chromosome, long Start, long End, float Value);
