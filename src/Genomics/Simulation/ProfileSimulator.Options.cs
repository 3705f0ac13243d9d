namespace Cnn.MLNet.Genomics;

public static partial class ProfileSimulator
{
    /// <summary>Simulation settings; the defaults give 6 × 200 kb, 180 peaks and 50–500 reads a peak in well under a second.</summary>
    public sealed class Options
    {
        /// <summary>Number of chromosomes (named chr1, chr2, …). Default 6.</summary>
        public int ChromosomeCount { get; set; } = 6;

        /// <summary>Bases per chromosome. Default 200,000.</summary>
        public int ChromosomeLength { get; set; } = 200_000;

        /// <summary>Peaks per chromosome, spread evenly with jitter. Default 30.</summary>
        public int PeaksPerChromosome { get; set; } = 30;

        /// <summary>Width of each peak interval written to the BED file, centred on its summit. Default 200.</summary>
        public int PeakWidth { get; set; } = 200;

        /// <summary>
        /// Motif A (10 bp, GATA-like by default, <c>TCAGATAAGC</c>): a strong, sharp footprint offset by
        /// strand, as ChIP-exo and BPNet see it: plus-strand reads pile up just 5′ (left) of the site,
        /// minus-strand reads just 3′ (right), whichever strand the motif is on.
        /// </summary>
        public string MotifA { get; set; } = "TCAGATAAGC";

        /// <summary>
        /// Motif B (14 bp, <c>GGGACTTTCCAGCA</c> by default): a weaker, broad footprint with a single mode
        /// centred on the site, the same on both strands.
        /// </summary>
        public string MotifB { get; set; } = "GGGACTTTCCAGCA";

        /// <summary>Expected reads of one motif A instance (both strands together), before the per-peak factor. Default 150.</summary>
        public double StrengthA { get; set; } = 150;

        /// <summary>Expected reads of one motif B instance (both strands together), before the per-peak factor. Default 50.</summary>
        public double StrengthB { get; set; } = 50;

        /// <summary>Most motif instances a peak holds (at least 1, mixed A and B at random). Default 3.</summary>
        public int MaxInstancesPerPeak { get; set; } = 3;

        /// <summary>Fraction of G and C in the random genome. Default 0.42 (about the human genome's).</summary>
        public double GcContent { get; set; } = 0.42;

        /// <summary>Background reads per kilobase per strand over the whole genome (so background windows are not all zero). Default 1.</summary>
        public double BackgroundReadsPerKb { get; set; } = 1;

        /// <summary>Random seed; the same seed and settings give the same genome, peaks and reads. Default 1.</summary>
        public int Seed { get; set; } = 1;

        /// <summary>Checks the settings, naming the bad one.</summary>
        internal void Validate()
        {
            static void Require(bool ok, string name, string why)
            {
                if (!ok) throw new ArgumentException($"ProfileSimulator: {name} {why}", name);
            }
            Require(ChromosomeCount >= 1, nameof(ChromosomeCount), $"must be at least 1 (was {ChromosomeCount}).");
            Require(PeaksPerChromosome >= 1, nameof(PeaksPerChromosome), $"must be at least 1 (was {PeaksPerChromosome}).");
            Require(PeakWidth >= 1, nameof(PeakWidth), $"must be at least 1 (was {PeakWidth}).");
            // Each peak needs a slot of at least 2 kb so its flanks, footprints and neighbours do not meet.
            Require(ChromosomeLength >= PeaksPerChromosome * 2000L + 2 * Flank, nameof(ChromosomeLength),
                $"({ChromosomeLength}) must leave at least 2,000 bases per peak plus {Flank} at each end ({PeaksPerChromosome} peaks).");
            foreach (var (name, motif) in new[] { (nameof(MotifA), MotifA), (nameof(MotifB), MotifB) })
                Require(!string.IsNullOrEmpty(motif) && motif.Length <= 40 && motif.All(c => c is 'A' or 'C' or 'G' or 'T'), name, $"must be 1–40 uppercase A, C, G, T (was '{motif}').");
            Require(StrengthA >= 0 && double.IsFinite(StrengthA), nameof(StrengthA), "must be a finite count, 0 or more.");
            Require(StrengthB >= 0 && double.IsFinite(StrengthB), nameof(StrengthB), "must be a finite count, 0 or more.");
            Require(MaxInstancesPerPeak is >= 1 and <= 5, nameof(MaxInstancesPerPeak), $"must be between 1 and 5 (was {MaxInstancesPerPeak}).");
            Require(GcContent is > 0 and < 1, nameof(GcContent), $"must be between 0 and 1, exclusive (was {GcContent}).");
            Require(BackgroundReadsPerKb >= 0 && double.IsFinite(BackgroundReadsPerKb), nameof(BackgroundReadsPerKb), "must be a finite rate, 0 or more.");
        }
    }
}
