namespace Cnn.MLNet.Interpretation;

/// <summary>
/// One query's column-score nulls against a <see cref="MotifColumnPool"/> and the exact null of
/// an alignment's summed score, for Tomtom-style p-values (Gupta et al. 2007).
/// </summary>
/// <remarks>
/// The score of query column i against a database column is its Pearson correlation rounded to
/// a grid of 1/<see cref="BinsPerUnit"/> (<see cref="Levels"/> levels over [-1, 1]). The null of
/// query column i is the distribution of that score over every pool column; the null of an
/// alignment covering query columns [first, end) is the convolution of those columns' nulls,
/// computed exactly on the grid (no sampling) and kept per range, so the p-value of an observed
/// grid sum s is P(S ≥ s), exact for grid scores whenever the target's columns are independent
/// draws from the pool.
/// </remarks>
internal sealed class MotifAlignmentNull
{
    /// <summary>Grid steps per unit of correlation.</summary>
    public const int BinsPerUnit = 20;

    /// <summary>Grid levels of one column score: 0 for correlation −1 up to 2 × <see cref="BinsPerUnit"/> for +1.</summary>
    public const int Levels = 2 * BinsPerUnit + 1;

    private readonly MotifColumnPool _pool;
    private readonly int _width;
    private readonly byte[] _grid;            // width × pool.Count grid scores
    private readonly double[][] _columnNull;  // width × Levels probabilities
    private readonly double[]?[,] _sumNull;   // [first, end] → P(S = s)
    private readonly double[]?[,] _tail;      // [first, end] → P(S ≥ s)

    public MotifAlignmentNull(Motif query, MotifColumnPool pool)
    {
        _pool = pool;
        _width = query.Width;
        int n = pool.Count;
        _grid = new byte[_width * n];
        _columnNull = new double[_width][];
        Span<double> centred = stackalloc double[4];
        for (int i = 0; i < _width; i++)
        {
            for (int b = 0; b < 4; b++) centred[b] = query[i, b] - 0.25;
            double norm = MotifColumnPool.Norm(centred);
            var counts = new double[Levels];
            for (int c = 0; c < n; c++)
            {
                byte level = ToGrid(pool.Correlation(centred, norm, c));
                _grid[i * n + c] = level;
                counts[level]++;
            }
            for (int s = 0; s < Levels; s++) counts[s] /= n;
            _columnNull[i] = counts;
        }
        _sumNull = new double[]?[_width + 1, _width + 1];
        _tail = new double[]?[_width + 1, _width + 1];
        // Every prefix in one forward chain and every suffix in one backward chain; other ranges
        // (targets narrower than the query) are built on demand from these.
        for (int end = 1; end <= _width; end++) SumNull(0, end);
        for (int first = _width - 1; first >= 0; first--) SumNull(first, _width);
    }

    /// <summary>A correlation on the grid.</summary>
    public static byte ToGrid(double correlation) =>
        (byte)Math.Clamp((int)Math.Round((correlation + 1) * BinsPerUnit), 0, Levels - 1);

    /// <summary>
    /// The alignment of the query with a target, given as the pool indices of its forward-strand
    /// columns, whose per-offset p-value is smallest over both strands and every offset that
    /// overlaps at least min(<paramref name="minOverlap"/>, both widths) columns. Ties go to the
    /// larger overlap, then to '+', then to the smaller offset.
    /// </summary>
    public Alignment Best(ReadOnlySpan<int> columns, int minOverlap)
    {
        int w = columns.Length, n = _pool.Count, forward = _pool.ForwardCount;
        int needed = Math.Min(minOverlap, Math.Min(_width, w));
        var best = new Alignment(double.PositiveInfinity, 0, '+', 0);
        for (int strand = 0; strand < 2; strand++)
        {
            for (int offset = needed - _width; offset <= w - needed; offset++)
            {
                int first = Math.Max(0, -offset), end = Math.Min(_width, w - offset);
                int overlap = end - first;
                if (overlap < needed) continue;
                int sum = 0;
                for (int i = first; i < end; i++)
                {
                    int j = i + offset;
                    int c = strand == 0 ? columns[j] : forward + columns[w - 1 - j];
                    sum += _grid[i * n + c];
                }
                double p = Tail(first, end)[sum];
                if (p < best.PValue || (p == best.PValue && overlap > best.Overlap))
                    best = new Alignment(p, offset, strand == 0 ? '+' : '-', overlap);
            }
        }
        return best;
    }

    /// <summary>P(S ≥ s) for the grid sum S over query columns [first, end), indexed by s (one past the maximum: 0).</summary>
    private double[] Tail(int first, int end)
    {
        if (_tail[first, end] is double[] known) return known;
        var density = SumNull(first, end);
        var tail = new double[density.Length + 1];
        for (int s = density.Length - 1; s >= 0; s--) tail[s] = tail[s + 1] + density[s];
        return _tail[first, end] = tail;
    }

    /// <summary>P(S = s) for the grid sum over query columns [first, end): the convolution of their column nulls.</summary>
    private double[] SumNull(int first, int end)
    {
        if (_sumNull[first, end] is double[] known) return known;
        double[] density = end - first == 1 ? _columnNull[first]
            : _sumNull[first + 1, end] is double[] right ? Convolve(_columnNull[first], right)
            : Convolve(SumNull(first, end - 1), _columnNull[end - 1]);
        return _sumNull[first, end] = density;
    }

    private static double[] Convolve(double[] a, double[] b)
    {
        var result = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i];
            if (x == 0) continue;
            for (int j = 0; j < b.Length; j++) result[i + j] += x * b[j];
        }
        return result;
    }

    /// <summary>An alignment and its (uncorrected) p-value at its offset and strand.</summary>
    public readonly record struct Alignment(double PValue, int Offset, char Strand, int Overlap);
}
