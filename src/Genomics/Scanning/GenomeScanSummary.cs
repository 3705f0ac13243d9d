namespace Cnn.MLNet.Genomics;

/// <summary>What a <see cref="GenomeScanner"/> run did.</summary>
/// <param name="Chromosomes">Each scanned chromosome, in scanning order.</param>
/// <param name="WindowLength">The model's input length L (bases per window).</param>
/// <param name="Stride">The stride used (bases between window starts, and the bin width).</param>
/// <param name="ValueDescription">Which output was written, e.g. <c>Probability</c> or <c>Score[2]</c>.</param>
/// <param name="Elapsed">Wall-clock time of the scan, writing included.</param>
public sealed record GenomeScanSummary(IReadOnlyList<GenomeScanChromosome> Chromosomes, int WindowLength, int Stride, string ValueDescription, TimeSpan Elapsed)
{
    /// <summary>The windows scored over all chromosomes.</summary>
    public long Windows => Chromosomes.Sum(c => c.Windows);

    /// <summary>Windows scored per second of <see cref="Elapsed"/>.</summary>
    public double WindowsPerSecond => Elapsed.TotalSeconds > 0 ? Windows / Elapsed.TotalSeconds : 0;
}
