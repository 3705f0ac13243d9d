using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs.Discovery;

/// <summary>Where one motif was planted in one synthetic track.</summary>
internal sealed record PlantedSite(string Motif, int Track, int Start, int Width, char Strand);

/// <summary>Synthetic contribution tracks with known answers, as DeepLIFT/DeepSHAP would give for a model that learned the planted motifs.</summary>
/// <param name="Tracks">The tracks.</param>
/// <param name="NullTracks">Tracks of shuffled sequences with noise only.</param>
/// <param name="Sites">Every planted site.</param>
internal sealed record ContributionData(IReadOnlyList<ContributionTrack> Tracks, IReadOnlyList<ContributionTrack> NullTracks, IReadOnlyList<PlantedSite> Sites)
{
    public const int Length = 200;
    public const float Noise = 0.3f;

    /// <summary>Motif A: 10 positions, planted on either strand.</summary>
    public static readonly Motif MotifA = RandomPwm("A", 10, seed: 101);

    /// <summary>Motif B: 20 positions, planted on either strand.</summary>
    public static readonly Motif MotifB = RandomPwm("B", 20, seed: 202);

    /// <summary>Motif C: 12 positions with negative contributions (a repressor's site).</summary>
    public static readonly Motif MotifC = RandomPwm("C", 12, seed: 303);

    /// <summary>
    /// <paramref name="count"/> random 200-base tracks. With <paramref name="plant"/>, a third get A
    /// (start 20–70), a third independently get B (start 110–150), and a fifth of those without B
    /// get C (start 110–158); each site is drawn from its PWM on a random strand. Hypothetical
    /// contributions are Gaussian noise (σ 0.3) everywhere plus, over each site, the PWM's
    /// log-odds against a uniform background (negated for C) on the planted strand, for all four
    /// bases. The null tracks are the same number of shuffles of the sequences with new noise only.
    /// </summary>
    public static ContributionData Generate(int count, int seed, bool plant = true)
    {
        var random = new Random(seed);
        var tracks = new List<ContributionTrack>();
        var nulls = new List<ContributionTrack>();
        var sites = new List<PlantedSite>();
        for (int t = 0; t < count; t++)
        {
            var bases = new int[Length];
            for (int i = 0; i < Length; i++) bases[i] = random.Next(4);
            var hyp = NoiseArray(random);
            if (plant)
            {
                if (random.Next(3) == 0) sites.Add(Plant(MotifA, 1, t, 20 + random.Next(51), bases, hyp, random));
                bool b = random.Next(3) == 0;
                if (b) sites.Add(Plant(MotifB, 1, t, 110 + random.Next(41), bases, hyp, random));
                else if (random.Next(5) == 0) sites.Add(Plant(MotifC, -1, t, 110 + random.Next(49), bases, hyp, random));
            }
            tracks.Add(new ContributionTrack(OneHot(bases), hyp, Length, $"track {t}"));

            var shuffled = bases.OrderBy(_ => random.Next()).ToArray();
            nulls.Add(new ContributionTrack(OneHot(shuffled), NoiseArray(random), Length, $"null {t}"));
        }
        return new ContributionData(tracks, nulls, sites);
    }

    public static float[] OneHot(int[] bases)
    {
        var oneHot = new float[4 * bases.Length];
        for (int i = 0; i < bases.Length; i++) oneHot[bases[i] * bases.Length + i] = 1;
        return oneHot;
    }

    private static float[] NoiseArray(Random random)
    {
        var values = new float[4 * Length];
        for (int k = 0; k < values.Length; k++) values[k] = (float)(Noise * Gaussian(random));
        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Writes a site drawn from <paramref name="motif"/> at <paramref name="start"/> on a random strand and adds its signal to the hypothetical contributions.</summary>
    private static PlantedSite Plant(Motif motif, int sign, int track, int start, int[] bases, float[] hyp, Random random)
    {
        char strand = random.Next(2) == 0 ? '+' : '-';
        int w = motif.Width;
        for (int j = 0; j < w; j++)
        {
            double u = random.NextDouble(), cumulative = 0;
            int drawn = 3;
            for (int b = 0; b < 4; b++)
            {
                cumulative += motif[j, b];
                if (u < cumulative) { drawn = b; break; }
            }
            // Motif position j on '-' is forward position start + w − 1 − j, complemented.
            int position = strand == '+' ? start + j : start + w - 1 - j;
            bases[position] = strand == '+' ? drawn : 3 - drawn;
            for (int b = 0; b < 4; b++)
            {
                int forwardBase = strand == '+' ? b : 3 - b;
                hyp[forwardBase * Length + position] += (float)(sign * Math.Log2(Math.Max(motif[j, b], 0.01) / 0.25));
            }
        }
        return new PlantedSite(motif.Id, track, start, w, strand);
    }

    /// <summary>A PWM whose every position has a dominant base (probability 0.7–0.95) and the rest spread at random.</summary>
    public static Motif RandomPwm(string id, int width, int seed)
    {
        var random = new Random(seed);
        var m = new double[width, 4];
        for (int i = 0; i < width; i++)
        {
            int top = random.Next(4);
            double p = 0.7 + 0.25 * random.NextDouble();
            var rest = Enumerable.Range(0, 3).Select(_ => random.NextDouble() + 0.05).ToArray();
            double restSum = rest.Sum();
            for (int b = 0, k = 0; b < 4; b++) m[i, b] = b == top ? p : (1 - p) * rest[k++] / restSum;
        }
        return new Motif(id, m);
    }
}
