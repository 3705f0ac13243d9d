using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs;

/// <summary>FIMO-style scanning: p-values against the exact score distribution, q-values, strands, output files.</summary>
public sealed class MotifScannerTests
{
    private static readonly double[] Background = [0.3, 0.2, 0.2, 0.3];

    // A 6-position motif with every kind of column: sharp, two-base, flat, and a zero that the pseudocount must lift.
    private static Motif SmallMotif() => new("small", new double[,]
    {
        { 0.90, 0.05, 0.03, 0.02 },
        { 0.10, 0.40, 0.40, 0.10 },
        { 0.25, 0.25, 0.25, 0.25 },
        { 0.00, 0.00, 1.00, 0.00 },
        { 0.05, 0.70, 0.05, 0.20 },
        { 0.30, 0.10, 0.10, 0.50 },
    }, sites: 30);

    // The log-odds score of a window computed here in float64, independently of the library (FIMO's formula).
    private static double Score(Motif motif, int[] window, double[] background, double pseudocount = 0.1)
    {
        double sites = motif.Sites ?? 20, score = 0;
        for (int i = 0; i < window.Length; i++)
        {
            int b = window[i];
            score += Math.Log2((motif[i, b] * sites + pseudocount * background[b]) / (sites + pseudocount) / background[b]);
        }
        return score;
    }

    private static IEnumerable<int[]> AllWindows(int width) =>
        Enumerable.Range(0, 1 << (2 * width)).Select(code => Enumerable.Range(0, width).Select(i => (code >> (2 * i)) & 3).ToArray());

    [Fact]
    public void P_values_agree_with_the_exact_distribution_by_enumeration_of_every_window()
    {
        var motif = SmallMotif();
        var windows = AllWindows(motif.Width).ToList();
        var exact = windows.Select(w => (Score: Score(motif, w, Background), Probability: w.Aggregate(1.0, (p, b) => p * Background[b]))).ToList();
        var sequences = windows.Select((w, k) => ($"w{k}", new string(w.Select(b => "ACGT"[b]).ToArray()))).ToList();

        var hits = MotifScanner.Scan(motif, sequences, new MotifScanOptions { PValueThreshold = 1, Background = Background, BothStrands = false });

        Assert.Equal(windows.Count, hits.Count);
        // Rounding each column to 1/1000 bit moves a score by at most width/2000 bits: the exact tail
        // probability P(S ≥ s) is bracketed by the tails at s ± that.
        double slack = motif.Width / 2000.0 + 1e-9;
        double Tail(double s) => exact.Where(e => e.Score >= s).Sum(e => e.Probability);
        for (int k = 0; k < windows.Count; k++)
        {
            double score = exact[k].Score, p = hits[k].PValue;
            Assert.InRange(hits[k].Score, score - slack, score + slack);
            Assert.InRange(p, Tail(score + 2 * slack) - 1e-12, Tail(score - 2 * slack) + 1e-12);
        }
        // The best windows (the flat and two-base columns make several tie) have p = their summed probability.
        int best = Enumerable.Range(0, exact.Count).MaxBy(k => exact[k].Score);
        Assert.Equal(Tail(exact[best].Score - 1e-9), hits[best].PValue, 12);
    }

    [Fact]
    public void Planted_sites_are_found_on_both_strands_with_small_q_values()
    {
        var motif = new Motif("sharp", new double[,]
        {
            { 0.97, 0.01, 0.01, 0.01 }, { 0.01, 0.97, 0.01, 0.01 }, { 0.01, 0.01, 0.97, 0.01 }, { 0.01, 0.01, 0.01, 0.97 },
            { 0.01, 0.01, 0.97, 0.01 }, { 0.97, 0.01, 0.01, 0.01 }, { 0.01, 0.97, 0.01, 0.01 }, { 0.01, 0.97, 0.01, 0.01 },
            { 0.01, 0.01, 0.01, 0.97 }, { 0.01, 0.01, 0.97, 0.01 },
        });
        var random = new Random(3);
        var bases = Enumerable.Range(0, 20_000).Select(_ => "ACGT"[random.Next(4)]).ToArray();
        const string site = "ACGTGACCTG", reverseSite = "CAGGTCACGT";
        site.CopyTo(0, bases, 1_000, site.Length);
        reverseSite.CopyTo(0, bases, 7_777, site.Length);
        "acgtgacctg".CopyTo(0, bases, 15_000, site.Length); // soft-masked: still a site
        bases[500] = 'N';

        var hits = MotifScanner.Scan(motif, [("chrTest", new string(bases))]);

        var strong = hits.Where(h => h.QValue < 0.05).ToList(); // p of a perfect site ≈ 0.25^10 ≈ 1e-6, over 40,000 windows
        Assert.Equal([(1_000L, '+'), (7_777L, '-'), (15_000L, '+')], strong.Select(h => (h.Start, h.Strand)));
        Assert.All(strong, h => Assert.Equal(site, h.MatchedSequence.ToUpperInvariant())); // reverse-strand hits read as the motif
        Assert.All(hits, h => Assert.True(h.PValue <= 1e-4));
        Assert.DoesNotContain(hits, h => h.Start <= 500 && h.End > 500);
    }

    [Fact]
    public void On_background_sequence_the_number_of_hits_matches_the_threshold()
    {
        var motif = SmallMotif();
        var random = new Random(9);
        var bases = Enumerable.Range(0, 200_000).Select(_ => "ACGT"[Pick(random)]).ToArray();
        const double threshold = 0.01;

        var hits = MotifScanner.Scan(motif, [("bg", new string(bases))], new MotifScanOptions { PValueThreshold = threshold, Background = Background });

        // Discrete scores: the expected count is m · P(p ≤ threshold), which is at most m · threshold.
        double tested = 2.0 * (bases.Length - motif.Width + 1);
        double exactRate = AllWindows(motif.Width).Select(w => (Score: Score(motif, w, Background), P: w.Aggregate(1.0, (p, b) => p * Background[b]))).ToList()
            is var all ? all.Where(e => all.Where(o => o.Score >= e.Score - 1e-9).Sum(o => o.P) <= threshold).Sum(e => e.P) : 0;
        Assert.InRange(exactRate, 0.004, threshold);
        double expected = tested * exactRate;
        Assert.InRange(hits.Count, expected * 0.85, expected * 1.15);
        Assert.All(hits, h => Assert.InRange(h.QValue, h.PValue, 1.0));
    }

    private static int Pick(Random random)
    {
        double u = random.NextDouble(), sum = 0;
        for (int b = 0; b < 3; b++)
        {
            sum += Background[b];
            if (u < sum) return b;
        }
        return 3;
    }

    [Fact]
    public void Several_motifs_in_one_pass_give_each_motif_its_own_scan()
    {
        var random = new Random(21);
        var sequences = Enumerable.Range(0, 3).Select(k => ($"s{k}", new string(Enumerable.Range(0, 3_000).Select(_ => "ACGTN"[random.Next(k == 1 ? 5 : 4)]).ToArray()))).ToList();
        Motif[] motifs = [SmallMotif(), Motif.FromConsensus("consensus", "TTGACA", sites: 10)];
        var options = new MotifScanOptions { PValueThreshold = 0.01, Background = Background };

        var together = MotifScanner.ScanAll(motifs, sequences, options);

        Assert.Equal(2, together.Count);
        for (int m = 0; m < motifs.Length; m++)
        {
            var alone = MotifScanner.Scan(motifs[m], sequences, options);
            Assert.NotEmpty(alone);
            Assert.Equal(alone, together[m]);
        }
    }

    [Fact]
    public void Tsv_and_bed_use_fimo_and_bed_coordinates()
    {
        var hit = new MotifHit("m1", "chr2", 99, 109, '-', 12.5, 3.2e-6, 0.0041, "ACGTACGTAC");
        var tsv = new StringWriter();
        MotifHitFiles.WriteTsv(tsv, [hit], "CTCF");
        var bed = new StringWriter();
        MotifHitFiles.WriteBed(bed, [hit]);

        Assert.Equal("motif_id\tmotif_alt_id\tsequence_name\tstart\tstop\tstrand\tscore\tp-value\tq-value\tmatched_sequence\nm1\tCTCF\tchr2\t100\t109\t-\t12.5\t3.2e-06\t4.1e-03\tACGTACGTAC\n", tsv.ToString());
        Assert.Equal("chr2\t99\t109\tm1\t12.5\t-\n", bed.ToString());
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_option()
    {
        var motif = SmallMotif();
        Assert.Contains("PValueThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => MotifScanner.Scan(motif, [("s", "ACGTACGT")], new MotifScanOptions { PValueThreshold = 0 })).Message);
        Assert.Contains("Background", Assert.Throws<ArgumentException>(() => MotifScanner.Scan(motif, [("s", "ACGTACGT")], new MotifScanOptions { Background = [0.5, 0.5, 0, 0] })).Message);
        Assert.Contains("Pseudocount", Assert.Throws<ArgumentOutOfRangeException>(() => MotifScanner.Scan(motif, [("s", "ACGTACGT")], new MotifScanOptions { Pseudocount = -1 })).Message);
    }
}
