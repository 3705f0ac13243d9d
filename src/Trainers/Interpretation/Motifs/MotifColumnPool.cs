namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Every column of a motif database on both strands, centred for Pearson correlation: the
/// population a query column's score null is drawn from (<see cref="MotifAlignmentNull"/>).
/// </summary>
/// <remarks>
/// Columns 0 … <see cref="ForwardCount"/> − 1 are the motifs' columns in database order; column
/// <see cref="ForwardCount"/> + c is the complement of column c (A↔T, C↔G), so position j of a
/// target's reverse complement is the complement of its position width − 1 − j.
/// </remarks>
internal sealed class MotifColumnPool
{
    private readonly double[] _centred;   // Count × 4: p_b − 1/4
    private readonly double[] _norm;      // Count: √Σ_b (p_b − 1/4)², 0 for a uniform column

    public MotifColumnPool(IReadOnlyList<Motif> motifs)
    {
        Starts = new int[motifs.Count];
        int forward = 0;
        for (int t = 0; t < motifs.Count; t++)
        {
            Starts[t] = forward;
            forward += motifs[t].Width;
        }
        ForwardCount = forward;
        _centred = new double[2 * forward * 4];
        _norm = new double[2 * forward];
        for (int t = 0; t < motifs.Count; t++)
        {
            for (int i = 0; i < motifs[t].Width; i++)
            {
                int c = Starts[t] + i;
                for (int b = 0; b < 4; b++)
                {
                    double x = motifs[t][i, b] - 0.25;
                    _centred[c * 4 + b] = x;
                    _centred[(forward + c) * 4 + 3 - b] = x;
                }
                _norm[c] = _norm[forward + c] = Norm(_centred.AsSpan(c * 4, 4));
            }
        }
    }

    /// <summary>The number of database columns on the given strand (half of <see cref="Count"/>).</summary>
    public int ForwardCount { get; }

    /// <summary>The number of columns, both strands.</summary>
    public int Count => 2 * ForwardCount;

    /// <summary>Where each database motif's first column is (forward strand).</summary>
    public int[] Starts { get; }

    /// <summary>Pearson correlation of a centred query column (with its norm) and pool column <paramref name="c"/>; 0 when either has no variance, as in <see cref="MotifComparison"/>.</summary>
    public double Correlation(ReadOnlySpan<double> centredQuery, double queryNorm, int c)
    {
        double norm = _norm[c];
        if (queryNorm < 1e-6 || norm < 1e-6) return 0;
        var column = _centred.AsSpan(c * 4, 4);
        double dot = 0;
        for (int b = 0; b < 4; b++) dot += centredQuery[b] * column[b];
        return dot / (queryNorm * norm);
    }

    /// <summary>√Σ x², the norm of a centred column.</summary>
    public static double Norm(ReadOnlySpan<double> centred)
    {
        double sum = 0;
        foreach (double x in centred) sum += x * x;
        return Math.Sqrt(sum);
    }
}
