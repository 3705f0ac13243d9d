namespace Cnn.MLNet.Interpretation;

/// <summary>
/// A database of known motifs (e.g. a JASPAR MEME file) prepared for Tomtom-style matching with
/// significance (Gupta et al. 2007): for a query motif, every database motif's best alignment with
/// a p-value, an E-value and a q-value, so that a discovered motif can be reported as matching,
/// say, CTCF with q &lt; 0.01. Build it once and match many queries; it is immutable and may be
/// shared between threads.
/// </summary>
/// <remarks>
/// <para><b>Score.</b> The column score is the Pearson correlation of two columns' four
/// probabilities (Tomtom's default), 0 for a column without variance; an alignment's statistic
/// is the sum over its overlapping columns (so it can be convolved), and
/// <see cref="MotifDatabaseMatch.Score"/> reports their mean, as <see cref="MotifComparison"/>
/// does.</para>
/// <para><b>Per-offset p-value (analytic).</b> The null of query column i is the empirical
/// distribution of its score against every column of every database motif, on both strands.
/// Scores are rounded to a grid of 0.05; the null of an alignment's summed score over the
/// overlapping query columns is the exact convolution of those columns' nulls, so the p-value of
/// one offset is exact for grid scores when the target's columns are independent draws from the
/// database's columns. Offsets of different overlaps are compared by these p-values, not by raw
/// scores, and the best alignment is the one with the smallest p-value.</para>
/// <para><b>Correction for offsets and strands (calibrated by simulation).</b> The smallest of
/// many per-offset p-values is not uniform, and the offsets of one target are dependent tests
/// (more so for low-complexity queries). Tomtom corrects it approximately; here, per query and
/// target width, <see cref="NullTargetsPerWidth"/> random targets of that width are assembled
/// from columns drawn from the database (seeded, so results are deterministic) and aligned
/// exactly like a real target. A best-offset p-value is then corrected to the fraction of random
/// targets that do at least as well (their empirical law, interpolated) down to the 20 % quantile;
/// below it, where few random targets fall, to 1 − (1 − p)^n scaled to meet the empirical law, with
/// n the effective number of independent tests fitted by maximum likelihood to the lowest 20 % of
/// the random targets' minima (Beta(1, n), the rest censored), so small p-values keep the
/// precision of the exact convolution.</para>
/// <para><b>What is calibrated.</b> For a target whose columns are independent of the query and
/// exchangeable with the database's columns, the corrected p-value is uniform: a test draws
/// random queries and databases, compares p-values with the uniform law by a
/// Kolmogorov–Smirnov test, and checks that the uncorrected best-offset p-value fails it; for
/// low-complexity queries (one column repeated) the bulk stays calibrated but the extrapolated
/// tail is liberal (about 1.75 × as many p-values below 0.01 as nominal). Real
/// databases hold families of related motifs and columns that are not independent within a
/// motif (cores flanked by uninformative positions), so, as with Tomtom, p-values for real
/// databases are approximate; E-values (p × database size) and Benjamini–Hochberg q-values over
/// the database inherit that.</para>
/// </remarks>
public sealed class MotifDatabase
{
    /// <summary>Random targets per target width used to fit the offset and strand correction.</summary>
    public const int NullTargetsPerWidth = 400;

    private const int Seed = 2007;

    private readonly MotifColumnPool _pool;
    private readonly SortedDictionary<int, int[][]> _nullTargets = [];

    /// <summary>Prepares <paramref name="motifs"/> for matching: gathers their columns and draws the random targets of the correction.</summary>
    /// <param name="motifs">The known motifs, e.g. <c>MemeFile.Read("JASPAR.meme")</c>.</param>
    /// <param name="minOverlap">Minimum overlapping columns of an alignment (Tomtom's <c>-min-overlap</c>, default 5); when either motif is narrower, its width is used instead.</param>
    /// <exception cref="ArgumentException">The database is empty or holds a null motif.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minOverlap"/> is less than 1.</exception>
    public MotifDatabase(IEnumerable<Motif> motifs, int minOverlap = MotifComparison.DefaultMinOverlap)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOverlap, 1);
        var list = motifs.ToList();
        if (list.Count == 0)
            throw new ArgumentException("The motif database is empty; matching needs at least one database motif.", nameof(motifs));
        int missing = list.IndexOf(null!);
        if (missing >= 0)
            throw new ArgumentException($"Database motif {missing + 1} of {list.Count} is null.", nameof(motifs));
        Motifs = list;
        MinOverlap = minOverlap;
        _pool = new MotifColumnPool(list);

        var random = new Random(Seed);
        foreach (int width in list.Select(m => m.Width).Distinct().Order())
        {
            var targets = new int[NullTargetsPerWidth][];
            for (int k = 0; k < targets.Length; k++)
            {
                targets[k] = new int[width];
                for (int j = 0; j < width; j++) targets[k][j] = random.Next(_pool.ForwardCount);
            }
            _nullTargets[width] = targets;
        }
    }

    /// <summary>The database motifs, in the order given.</summary>
    public IReadOnlyList<Motif> Motifs { get; }

    /// <summary>The minimum number of overlapping columns of an alignment.</summary>
    public int MinOverlap { get; }

    /// <summary>Every database motif's best alignment with <paramref name="query"/> and its significance, most significant first.</summary>
    /// <param name="query">The motif to look up, e.g. a filter motif or a discovered motif.</param>
    /// <returns>One match per database motif, sorted by p-value (ties: higher score, then database order).</returns>
    public IReadOnlyList<MotifDatabaseMatch> Match(Motif query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var nullModel = new MotifAlignmentNull(query, _pool);
        var corrections = _nullTargets.ToDictionary(kv => kv.Key, kv => Correction(nullModel, kv.Value));
        int count = Motifs.Count;
        var alignments = new MotifAlignmentNull.Alignment[count];
        var pValues = new double[count];
        for (int t = 0; t < count; t++)
        {
            var columns = Enumerable.Range(_pool.Starts[t], Motifs[t].Width).ToArray();
            alignments[t] = nullModel.Best(columns, MinOverlap);
            pValues[t] = corrections[Motifs[t].Width].PValue(alignments[t].PValue);
        }
        var qValues = BenjaminiHochberg.QValues(pValues);
        var matches = new MotifDatabaseMatch[count];
        for (int t = 0; t < count; t++)
        {
            var a = alignments[t];
            double score = MeanCorrelation(query, a.Strand == '+' ? Motifs[t] : Motifs[t].ReverseComplement(), a.Offset, a.Overlap);
            matches[t] = new MotifDatabaseMatch(query, Motifs[t], score, a.Offset, a.Strand, a.Overlap, pValues[t], pValues[t] * count, qValues[t]);
        }
        // A stable sort keeps database order among ties.
        return matches.OrderBy(m => m.PValue).ThenByDescending(m => m.Score).ToList();
    }

    /// <summary>For each query, its most significant database match (the first of <see cref="Match"/>).</summary>
    /// <param name="queries">The motifs to look up.</param>
    /// <returns>One match per query, in query order.</returns>
    /// <exception cref="ArgumentException">A query is null.</exception>
    public IReadOnlyList<MotifDatabaseMatch> BestMatches(IEnumerable<Motif> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var list = queries.ToList();
        int missing = list.IndexOf(null!);
        if (missing >= 0) throw new ArgumentException($"Query motif {missing + 1} is null.", nameof(queries));
        // Queries are independent, so matching them in parallel changes nothing but the time.
        return list.AsParallel().AsOrdered().Select(q => Match(q)[0]).ToList();
    }

    /// <summary>The best-offset p-value of an alignment, uncorrected for offsets and strands (for tests of the correction).</summary>
    internal double UncorrectedPValue(Motif query, int target) =>
        new MotifAlignmentNull(query, _pool).Best(Enumerable.Range(_pool.Starts[target], Motifs[target].Width).ToArray(), MinOverlap).PValue;

    private BestOffsetCorrection Correction(MotifAlignmentNull nullModel, int[][] targets) =>
        new(targets.Select(target => nullModel.Best(target, MinOverlap).PValue).ToArray());

    private static double MeanCorrelation(Motif query, Motif aligned, int offset, int overlap)
    {
        int first = Math.Max(0, -offset);
        double sum = 0;
        for (int i = first; i < first + overlap; i++) sum += MotifComparison.ColumnCorrelation(query, i, aligned, i + offset);
        return sum / overlap;
    }
}
