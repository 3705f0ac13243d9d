namespace Cnn.MLNet.Genomics;

/// <summary>A sampled background region: 0-based, half-open [Start, End) on a chromosome.</summary>
/// <param name="Chromosome">The chromosome's name, as keyed in the genome dictionary.</param>
/// <param name="Start">0-based first base.</param>
/// <param name="End">One past the last base.</param>
/// <param name="Gc">GC fraction of the interval (G+C over called bases; see <see cref="GcContent"/>).</param>
public sealed record BackgroundInterval(string Chromosome, long Start, long End, double Gc)
{
    /// <summary>End − Start.</summary>
    public long Length => End - Start;
}
