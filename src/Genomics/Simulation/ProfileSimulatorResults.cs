namespace Cnn.MLNet.Genomics;

/// <summary>A simulated peak: the interval written to the BED file, its summit, and its reads.</summary>
/// <param name="Chromosome">The chromosome.</param>
/// <param name="Start">0-based start of the peak interval.</param>
/// <param name="End">End-exclusive end of the peak interval.</param>
/// <param name="Summit">The summit (0-based genome position), the interval's centre; motif instances sit within 80 bases of it.</param>
/// <param name="ExpectedReads">The expected reads of its motif instances (strengths × the peak's factor), without background.</param>
/// <param name="Reads">The reads drawn for its motif instances and its local background, both strands.</param>
public sealed record SimulatedProfilePeak(string Chromosome, long Start, long End, long Summit, double ExpectedReads, int Reads);

/// <summary>A motif instance planted in a simulated peak.</summary>
/// <param name="Chromosome">The chromosome.</param>
/// <param name="Start">0-based first base of the instance (on the plus strand).</param>
/// <param name="Length">The motif's length.</param>
/// <param name="Strand">'+' when the plus strand spells the motif, '-' when it spells its reverse complement.</param>
/// <param name="Motif">"A" (strong, strand-offset footprint) or "B" (weaker, broad footprint).</param>
/// <param name="Reads">The reads drawn for this instance, both strands.</param>
public sealed record PlantedMotifInstance(string Chromosome, long Start, int Length, char Strand, string Motif, int Reads)
{
    /// <summary>End-exclusive end of the instance.</summary>
    public long End => Start + Length;
}

/// <summary>The files <see cref="ProfileSimulation.WriteFiles"/> wrote.</summary>
/// <param name="Fasta">The genome FASTA.</param>
/// <param name="Peaks">The peaks as ENCODE narrowPeak (summit in column 10).</param>
/// <param name="PlusBedGraph">The plus-strand track as bedGraph.</param>
/// <param name="MinusBedGraph">The minus-strand track as bedGraph.</param>
public sealed record ProfileSimulationFiles(string Fasta, string Peaks, string PlusBedGraph, string MinusBedGraph);
