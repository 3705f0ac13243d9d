using Cnn.MLNet.Genomics;

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
        return ScanAll([motif], sequences, options)[0];
    }

    /// <summary>
    /// Scans <paramref name="sequences"/> with every motif in one pass: each sequence is read and
    /// encoded once, whatever the number of motifs (a database against a genome). Q-values are per motif.
    /// </summary>
    /// <returns>For each motif, in the order given, its reported windows in input order.</returns>
    /// <exception cref="ArgumentException">An option is out of range, or a sequence name is empty.</exception>
    public static IReadOnlyList<IReadOnlyList<MotifHit>> ScanAll(IReadOnlyList<Motif> motifs, IEnumerable<(string Name, string Sequence)> sequences, MotifScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        ArgumentNullException.ThrowIfNull(sequences);
        options ??= new MotifScanOptions();
        options.Validate();
        var background = options.Background ?? Uniform;
        var scans = motifs.Select(m => new MotifScan(m,
            new MotifScoreDistribution(LogOdds(m, background, options.Pseudocount, reverse: false), background),
            options.BothStrands ? new MotifScoreDistribution(LogOdds(m, background, options.Pseudocount, reverse: true), background) : null)).ToArray();

        foreach (var (name, sequence) in sequences)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(sequences));
            ArgumentNullException.ThrowIfNull(sequence, nameof(sequences));
            var codes = Encode(sequence);
            foreach (var scan in scans) scan.Add(name, sequence, codes, options.PValueThreshold);
        }
        return scans.Select(scan => (IReadOnlyList<MotifHit>)WithQValues(scan.Candidates, scan.Tested)).ToArray();
    }

    /// <summary>One motif's scoring tables and what its scan has found and counted so far.</summary>
    private sealed class MotifScan(Motif motif, MotifScoreDistribution forward, MotifScoreDistribution? reverse)
    {
        public List<MotifHit> Candidates { get; } = [];

        public long Tested { get; private set; }

        public void Add(string name, string sequence, sbyte[] codes, double threshold)
        {
            int width = motif.Width;
            for (int start = 0; start + width <= codes.Length; start++)
            {
                var window = codes.AsSpan(start, width);
                int score = forward.GridScore(window);
                if (score < 0) continue; // a base other than A, C, G, T: not scored
                Tested++;
                Consider(forward, score, '+', start);
                if (reverse is not null)
                {
                    Tested++;
                    Consider(reverse, reverse.GridScore(window), '-', start);
                }
            }

            void Consider(MotifScoreDistribution distribution, int gridScore, char strand, int start)
            {
                double p = distribution.PValue(gridScore);
                if (p > threshold) return;
                string bases = sequence.Substring(start, width);
                Candidates.Add(new MotifHit(motif.Id, name, start, start + width, strand, distribution.Bits(gridScore), p, double.NaN,
                    strand == '+' ? bases : DnaText.ReverseComplement(bases)));
            }
        }
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
}
