namespace Cnn.MLNet.Interpretation;

/// <summary>The best alignment of a query motif with one target motif.</summary>
/// <param name="Query">The query motif.</param>
/// <param name="Target">The target (database) motif, as given (not reverse-complemented).</param>
/// <param name="Score">Mean Pearson correlation of the aligned columns, in [-1, 1].</param>
/// <param name="Offset">
/// Where the query's first position falls on the target (on the reverse complement of the target
/// for <see cref="Strand"/> '-'): query position i is aligned with target position i + Offset.
/// Negative when the query starts before the target.
/// </param>
/// <param name="Strand">'+' when the query matches the target as given, '-' when it matches the target's reverse complement.</param>
/// <param name="Overlap">The number of aligned columns.</param>
public sealed record MotifMatch(Motif Query, Motif Target, double Score, int Offset, char Strand, int Overlap);

/// <summary>
/// Tomtom-like comparison of motifs (Gupta et al. 2007): a query is slid along each target on
/// both strands and every alignment with enough overlapping columns is scored.
/// </summary>
/// <remarks>
/// The column score is the Pearson correlation of the two columns' four probabilities — Tomtom's
/// default column metric — and an alignment's score is the mean over the overlapping columns, so
/// scores are comparable across widths and a perfect match scores 1. A column with no variance
/// (all four probabilities equal) has no defined correlation and scores 0. Ties go to the larger
/// overlap, then to the '+' strand, then to the smaller offset. No p-value is computed: the mean
/// correlation is a similarity, not a significance; compare scores of the same query only, and
/// prefer matches whose overlap covers most of the query. For p-, E- and q-values against a
/// database (Tomtom's statistics) use <see cref="MotifDatabase"/>, which picks each target's
/// alignment by p-value rather than by mean correlation.
/// </remarks>
public static class MotifComparison
{
    /// <summary>The default minimum number of overlapping columns (Tomtom's <c>-min-overlap</c> default).</summary>
    public const int DefaultMinOverlap = 5;

    /// <summary>The best alignment of <paramref name="query"/> with <paramref name="target"/> over all offsets and both strands.</summary>
    /// <param name="query">The query motif.</param>
    /// <param name="target">The target motif.</param>
    /// <param name="minOverlap">Minimum overlapping columns; when either motif is narrower, its width is used instead.</param>
    public static MotifMatch Compare(Motif query, Motif target, int minOverlap = DefaultMinOverlap)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOverlap, 1);
        int needed = Math.Min(minOverlap, Math.Min(query.Width, target.Width));
        MotifMatch? best = null;
        foreach (char strand in "+-")
        {
            var aligned = strand == '+' ? target : target.ReverseComplement();
            // query position i ↔ target position i + offset; the overlap is [max(0, -offset), min(wq, wt - offset)).
            for (int offset = needed - query.Width; offset <= target.Width - needed; offset++)
            {
                int first = Math.Max(0, -offset), end = Math.Min(query.Width, target.Width - offset);
                int overlap = end - first;
                if (overlap < needed) continue;
                double sum = 0;
                for (int i = first; i < end; i++) sum += ColumnCorrelation(query, i, aligned, i + offset);
                double score = sum / overlap;
                if (best is null || IsBetter(score, overlap, best))
                    best = new MotifMatch(query, target, score, offset, strand, overlap);
            }
        }
        return best!;
    }

    /// <summary>For each query, its best match in <paramref name="database"/> (the highest-scoring target; see <see cref="Compare"/>).</summary>
    /// <param name="queries">The motifs to look up, e.g. filter motifs.</param>
    /// <param name="database">The known motifs, e.g. read from a JASPAR MEME file.</param>
    /// <param name="minOverlap">Minimum overlapping columns (default 5, or the narrower motif's width).</param>
    /// <returns>One match per query, in query order.</returns>
    /// <exception cref="ArgumentException">The database is empty.</exception>
    public static IReadOnlyList<MotifMatch> BestMatches(IEnumerable<Motif> queries, IEnumerable<Motif> database, int minOverlap = DefaultMinOverlap)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(database);
        var targets = database.ToList();
        if (targets.Count == 0) throw new ArgumentException("The motif database is empty.", nameof(database));
        return queries.Select(q => Rank(q, targets, minOverlap)[0]).ToList();
    }

    /// <summary>The best alignment of <paramref name="query"/> with every target, best first.</summary>
    public static IReadOnlyList<MotifMatch> Rank(Motif query, IEnumerable<Motif> database, int minOverlap = DefaultMinOverlap)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(database);
        var matches = database.Select(t => Compare(query, t, minOverlap)).ToList();
        // A stable sort keeps database order among equal scores.
        return matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.Overlap).ToList();
    }

    /// <summary>Pearson correlation of column <paramref name="i"/> of <paramref name="a"/> and column <paramref name="j"/> of <paramref name="b"/>; 0 when either has no variance.</summary>
    internal static double ColumnCorrelation(Motif a, int i, Motif b, int j)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        const double mean = 0.25; // each column sums to 1 over 4 bases
        double sab = 0, saa = 0, sbb = 0;
        for (int k = 0; k < 4; k++)
        {
            double x = a[i, k] - mean, y = b[j, k] - mean;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return saa < 1e-12 || sbb < 1e-12 ? 0 : sab / Math.Sqrt(saa * sbb);
    }

    private static bool IsBetter(double score, int overlap, MotifMatch best)
    {
        const double tie = 1e-9;
        if (score > best.Score + tie) return true;
        return score > best.Score - tie && overlap > best.Overlap;
    }
}
