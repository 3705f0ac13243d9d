namespace Cnn.MLNet.Interpretation;

/// <summary>
/// FIMO-style scanning of sequences with a motif: every window of the motif's width is scored by
/// log-odds against a background, given the exact p-value of its score
/// (<see cref="MotifScoreDistribution"/>) and a Benjamini–Hochberg q-value over all windows scored;
/// windows at or below <see cref="MotifScanOptions.PValueThreshold"/> are reported.
/// </summary>
/// <remarks>
/// Bases are read case-insensitively (soft-masked lowercase counts), U as T; a window holding any
/// other character (N, IUPAC codes) is not scored and not counted in the q-values. The
/// reverse-complement strand is scored with the motif's reverse complement on the forward window.
/// </remarks>
public static class MotifScanner
{
    /// <summary>Sites assumed for a motif whose site count is unknown when adding the pseudocount (MEME's convention).</summary>
    public const int DefaultSites = 20;

    private static readonly double[] Uniform = [0.25, 0.25, 0.25, 0.25];

    /// <summary>Scans <paramref name="sequences"/> with <paramref name="motif"/>.</summary>
    /// <param name="motif">The motif (a probability matrix).</param>
    /// <param name="sequences">Named sequences, e.g. FASTA records or chromosomes.</param>
    /// <param name="options">Threshold, background, pseudocount, strands; null for FIMO's defaults.</param>
    /// <returns>The reported windows in input order (sequence, start, then '+' before '-').</returns>
    /// <exception cref="ArgumentException">An option is out of range, or a sequence name is empty.</exception>
    public static IReadOnlyList<MotifHit> Scan(Motif motif, IEnumerable<(string Name, string Sequence)> sequences, MotifScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(motif);
        ArgumentNullException.ThrowIfNull(sequences);
        options ??= new MotifScanOptions();
        options.Validate();
        var background = options.Background ?? Uniform;
        var forward = new MotifScoreDistribution(LogOdds(motif, background, options.Pseudocount, reverse: false), background);
        var reverse = options.BothStrands ? new MotifScoreDistribution(LogOdds(motif, background, options.Pseudocount, reverse: true), background) : null;

        int width = motif.Width;
        var candidates = new List<MotifHit>();
        long tested = 0;
        var window = new sbyte[width];
        foreach (var (name, sequence) in sequences)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(sequences));
            ArgumentNullException.ThrowIfNull(sequence, nameof(sequences));
            var codes = Encode(sequence);
            for (int start = 0; start + width <= codes.Length; start++)
            {
                codes.AsSpan(start, width).CopyTo(window);
                int score = forward.GridScore(window);
                if (score < 0) continue; // a base other than A, C, G, T: not scored
                tested++;
                Consider(forward, score, '+');
                if (reverse is not null)
                {
                    tested++;
                    Consider(reverse, reverse.GridScore(window), '-');
                }

                void Consider(MotifScoreDistribution distribution, int gridScore, char strand)
                {
                    double p = distribution.PValue(gridScore);
                    if (p > options.PValueThreshold) return;
                    string bases = sequence.Substring(start, width);
                    candidates.Add(new MotifHit(motif.Id, name, start, start + width, strand, distribution.Bits(gridScore), p, double.NaN,
                        strand == '+' ? bases : ReverseComplement(bases)));
                }
            }
        }
        return WithQValues(candidates, tested);
    }

    /// <summary>
    /// Benjamini–Hochberg over all <paramref name="tested"/> windows: the reported ones hold the
    /// smallest p-values, so their ranks among all tests are their ranks among themselves.
    /// </summary>
    private static List<MotifHit> WithQValues(List<MotifHit> hits, long tested)
    {
        var order = Enumerable.Range(0, hits.Count).OrderBy(i => hits[i].PValue).ToArray();
        var q = new double[hits.Count];
        double running = 1.0;
        for (int rank = order.Length; rank >= 1; rank--)
        {
            int i = order[rank - 1];
            running = Math.Min(running, hits[i].PValue * tested / rank);
            q[i] = running;
        }
        return hits.Select((h, i) => h with { QValue = q[i] }).ToList();
    }

    /// <summary>log2(p′ / background) per position and base, p′ with the pseudocount spread by the background.</summary>
    internal static double[,] LogOdds(Motif motif, IReadOnlyList<double> background, double pseudocount, bool reverse)
    {
        int width = motif.Width;
        double sites = motif.Sites ?? DefaultSites;
        var scores = new double[width, 4];
        for (int i = 0; i < width; i++)
        {
            for (int b = 0; b < 4; b++)
            {
                // The reverse complement's position i is the motif's position width-1-i, base 3-b (A↔T, C↔G).
                double p = reverse ? motif[width - 1 - i, 3 - b] : motif[i, b];
                double smoothed = (p * sites + pseudocount * background[b]) / (sites + pseudocount);
                scores[i, b] = Math.Log2(smoothed / background[b]);
            }
        }
        return scores;
    }

    private static sbyte[] Encode(string sequence)
    {
        var codes = new sbyte[sequence.Length];
        for (int i = 0; i < sequence.Length; i++)
        {
            codes[i] = sequence[i] switch
            {
                'A' or 'a' => 0,
                'C' or 'c' => 1,
                'G' or 'g' => 2,
                'T' or 't' or 'U' or 'u' => 3,
                _ => -1,
            };
        }
        return codes;
    }

    private static string ReverseComplement(string bases) => string.Create(bases.Length, bases, static (span, source) =>
    {
        for (int i = 0; i < source.Length; i++)
        {
            span[source.Length - 1 - i] = source[i] switch
            {
                'A' => 'T',
                'C' => 'G',
                'G' => 'C',
                'T' => 'A',
                'U' => 'A',
                'a' => 't',
                'c' => 'g',
                'g' => 'c',
                't' => 'a',
                'u' => 'a',
                char other => other,
            };
        }
    });
}
