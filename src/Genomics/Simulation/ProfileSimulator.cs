namespace Cnn.MLNet.Genomics;

/// <summary>
/// Simulates a BPNet-style profile dataset with a known answer: a random genome with peaks, each
/// holding 1 to <see cref="Options.MaxInstancesPerPeak"/> planted instances of two motifs, and a
/// stranded pair of read-count tracks whose reads are drawn from each motif's footprint. Motif A
/// leaves a strong, sharp footprint offset by strand (plus-strand reads just 5′ of the site,
/// minus-strand reads just 3′, as in ChIP-exo); motif B a weaker, broad one centred on the site.
/// A peak's count follows its motif content: the sum of its instances' strengths times a factor
/// near 1, drawn as Poisson counts, plus a little local and genome-wide background.
/// </summary>
/// <remarks>
/// The motifs are removed from the random genome (either strand) before planting, so every
/// occurrence is a planted one. Same options, same simulation.
/// </remarks>
public static partial class ProfileSimulator
{
    /// <summary>Bases kept free of peaks at each chromosome end, so 2,114-base windows around every peak fit.</summary>
    private const int Flank = 1500;

    /// <summary>Instances sit within this many bases of the summit.</summary>
    private const int InstanceSpread = 80;

    /// <summary>Local background reads per peak (spread over ±250 bases, random strand), expected.</summary>
    private const double LocalBackground = 5;

    /// <summary>Simulates a genome, peaks, tracks and instances.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static ProfileSimulation Generate(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var motifs = new[] { new FootprintMotif("A", options.MotifA, options.StrengthA), new FootprintMotif("B", options.MotifB, options.StrengthB) };

        var sequences = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var plus = new List<KeyValuePair<string, float[]>>();
        var minus = new List<KeyValuePair<string, float[]>>();
        var peaks = new List<SimulatedProfilePeak>();
        var instances = new List<PlantedMotifInstance>();
        for (int c = 0; c < options.ChromosomeCount; c++)
        {
            string name = $"chr{c + 1}";
            var bases = RandomBases(random, options.ChromosomeLength, options.GcContent);
            // Repeated until clean: a base changed to break one motif could, rarely, spell the other.
            while (motifs.Count(m => Scrub(bases, m, random)) > 0) { }
            var reads = new Reads(new float[bases.Length], new float[bases.Length]);
            SimulateChromosome(name, bases, reads, motifs, options, random, peaks, instances);
            Background(reads, options.BackgroundReadsPerKb, random);
            sequences[name] = bases;
            plus.Add(new(name, reads.Plus));
            minus.Add(new(name, reads.Minus));
        }
        var genome = Genome.FromArrays("(ProfileSimulator genome)", sequences);
        return new ProfileSimulation(genome, peaks, instances,
            new InMemoryCoverageTrack("(ProfileSimulator plus strand)", plus), new InMemoryCoverageTrack("(ProfileSimulator minus strand)", minus));
    }

    private static void SimulateChromosome(string name, byte[] bases, Reads reads, FootprintMotif[] motifs, Options options,
        Random random, List<SimulatedProfilePeak> peaks, List<PlantedMotifInstance> instances)
    {
        long slot = (bases.Length - 2L * Flank) / options.PeaksPerChromosome;
        for (int k = 0; k < options.PeaksPerChromosome; k++)
        {
            // Evenly spread with jitter, so peaks are far apart but not on a grid a model could learn.
            long summit = Flank + slot * k + slot / 2 + random.NextInt64(-slot / 4, slot / 4 + 1);
            double factor = Math.Exp(0.15 * Normal(random));
            int count = random.Next(1, options.MaxInstancesPerPeak + 1);
            var placed = new List<(long Start, long End)>();
            double expected = 0;
            int peakReads = 0;
            for (int i = 0; i < count; i++)
            {
                var motif = motifs[random.Next(2)];
                long start = Place(random, summit, motif.Bases.Length, placed);
                bool forward = random.Next(2) == 0;
                Plant(bases, start, forward ? motif.Bases : ReverseComplement(motif.Bases));
                double mean = motif.Strength * factor;
                int n = Poisson(random, mean);
                motif.Draw(reads, start, n, random);
                expected += mean;
                peakReads += n;
                instances.Add(new PlantedMotifInstance(name, start, motif.Bases.Length, forward ? '+' : '-', motif.Name, n));
            }
            int local = Poisson(random, LocalBackground);
            for (int r = 0; r < local; r++)
                reads.Add(random.Next(2) == 0, summit + random.Next(-250, 250));
            peakReads += local;
            long peakStart = summit - options.PeakWidth / 2;
            peaks.Add(new SimulatedProfilePeak(name, peakStart, peakStart + options.PeakWidth, summit, expected, peakReads));
        }
    }

    /// <summary>A start for a new instance near the summit that keeps 4 bases clear of the others (footprints stay distinguishable).</summary>
    private static long Place(Random random, long summit, int length, List<(long Start, long End)> placed)
    {
        while (true)
        {
            long start = summit + random.Next(-InstanceSpread, InstanceSpread - length + 1);
            if (placed.All(p => start + length + 4 <= p.Start || p.End + 4 <= start))
            {
                placed.Add((start, start + length));
                return start;
            }
        }
    }

    private static void Plant(byte[] bases, long start, string motif)
    {
        for (int i = 0; i < motif.Length; i++) bases[start + i] = (byte)motif[i];
    }

    private static void Background(Reads reads, double perKb, Random random)
    {
        foreach (bool strand in new[] { true, false })
        {
            int n = Poisson(random, perKb * reads.Plus.Length / 1000);
            for (int r = 0; r < n; r++) reads.Add(strand, random.NextInt64(reads.Plus.Length));
        }
    }

    private static byte[] RandomBases(Random random, int length, double gc)
    {
        var bases = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bool strong = random.NextDouble() < gc;
            bases[i] = (byte)(strong ? (random.Next(2) == 0 ? 'G' : 'C') : (random.Next(2) == 0 ? 'A' : 'T'));
        }
        return bases;
    }

    /// <summary>Breaks every chance occurrence of the motif (either strand) by changing its middle base, so only planted sites spell it.</summary>
    /// <returns>Whether any base was changed.</returns>
    private static bool Scrub(byte[] bases, FootprintMotif motif, Random random)
    {
        bool changed = false;
        foreach (string spelled in new[] { motif.Bases, ReverseComplement(motif.Bases) })
        {
            var pattern = spelled.Select(c => (byte)c).ToArray();
            int at;
            while ((at = bases.AsSpan().IndexOf(pattern)) >= 0)
            {
                int middle = at + pattern.Length / 2;
                byte old = bases[middle];
                do bases[middle] = (byte)"ACGT"[random.Next(4)]; while (bases[middle] == old);
                changed = true;
            }
        }
        return changed;
    }

    internal static string ReverseComplement(string bases) =>
        new(bases.Reverse().Select(c => c switch { 'A' => 'T', 'C' => 'G', 'G' => 'C', _ => 'A' }).ToArray());

    /// <summary>A standard normal draw (Box–Muller).</summary>
    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A Poisson draw: exact (Knuth) for small means, the rounded normal approximation for large ones.</summary>
    internal static int Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal(random)));
        double limit = Math.Exp(-mean), product = random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }
        return k;
    }
}
