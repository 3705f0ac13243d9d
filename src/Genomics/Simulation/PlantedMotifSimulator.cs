namespace Cnn.MLNet.Genomics;

/// <summary>One simulated sequence: its bases, its label, and where the motif was planted.</summary>
/// <param name="Sequence">Uppercase A/C/G/T.</param>
/// <param name="Label">True when the motif was planted (a "binding" sequence).</param>
/// <param name="MotifStart">0-based start of the planted motif; -1 for negatives.</param>
public sealed record SimulatedSequence(string Sequence, bool Label, int MotifStart);

/// <summary>
/// Simulates a transcription-factor binding dataset in the style of the genomics deep-learning
/// primer (Zou et al. 2019, Nature Genetics): uniformly random DNA, with a motif planted once at a
/// random position in the positive sequences. The right answer is known by construction: a
/// sequence is positive exactly when it contains the motif, and the motif's span is recorded for
/// checking attributions. Negatives never contain the motif, and positives contain it only where
/// it was planted.
/// </summary>
public static class PlantedMotifSimulator
{
    /// <summary>Simulation settings.</summary>
    public sealed class Options
    {
        /// <summary>Number of sequences. Default 2,000 (the primer's dataset size).</summary>
        public int Count { get; set; } = 2000;
        /// <summary>Sequence length in bases. Default 50 (the primer's).</summary>
        public int Length { get; set; } = 50;
        /// <summary>The planted motif. Default CGACCGAACTCC (the primer's).</summary>
        public string Motif { get; set; } = "CGACCGAACTCC";
        /// <summary>Fraction of sequences that carry the motif, rounded to a whole count. Default 0.5.</summary>
        public double PositiveFraction { get; set; } = 0.5;
        /// <summary>Random seed; the same seed gives the same sequences. Default 1.</summary>
        public int Seed { get; set; } = 1;
    }

    private const string Bases = "ACGT";

    /// <summary>Generates the dataset, positives and negatives interleaved at random.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IReadOnlyList<SimulatedSequence> Generate(Options options)
    {
        Validate(options);
        var random = new Random(options.Seed);
        int positives = (int)Math.Round(options.Count * options.PositiveFraction, MidpointRounding.AwayFromZero);
        var isPositive = Enumerable.Range(0, options.Count).Select(i => i < positives).ToArray();
        random.Shuffle(isPositive);

        var result = new List<SimulatedSequence>(options.Count);
        var buffer = new char[options.Length];
        foreach (bool positive in isPositive)
            result.Add(positive ? Positive(random, buffer, options.Motif) : Negative(random, buffer, options.Motif));
        return result;
    }

    private static SimulatedSequence Positive(Random random, char[] buffer, string motif)
    {
        while (true)
        {
            FillRandom(random, buffer);
            int start = random.Next(buffer.Length - motif.Length + 1);
            motif.CopyTo(0, buffer, start, motif.Length);
            var sequence = new string(buffer);
            // Resample in the rare case the background also spells the motif elsewhere.
            if (sequence.IndexOf(motif, StringComparison.Ordinal) == start && sequence.IndexOf(motif, start + 1, StringComparison.Ordinal) < 0)
                return new SimulatedSequence(sequence, true, start);
        }
    }

    private static SimulatedSequence Negative(Random random, char[] buffer, string motif)
    {
        while (true)
        {
            FillRandom(random, buffer);
            var sequence = new string(buffer);
            if (!sequence.Contains(motif, StringComparison.Ordinal)) return new SimulatedSequence(sequence, false, -1);
        }
    }

    private static void FillRandom(Random random, char[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = Bases[random.Next(4)];
    }

    private static void Validate(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count < 1) throw new ArgumentException($"Count must be at least 1 (was {options.Count}).", nameof(options));
        if (string.IsNullOrEmpty(options.Motif) || options.Motif.Any(c => !Bases.Contains(c)))
            throw new ArgumentException($"Motif must be a non-empty string of uppercase A, C, G, T (was '{options.Motif}').", nameof(options));
        if (options.Length < options.Motif.Length)
            throw new ArgumentException($"Length ({options.Length}) must be at least the motif's length ({options.Motif.Length}).", nameof(options));
        if (!(options.PositiveFraction >= 0 && options.PositiveFraction <= 1))
            throw new ArgumentException($"PositiveFraction must be between 0 and 1 (was {options.PositiveFraction}).", nameof(options));
    }
}
