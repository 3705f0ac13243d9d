namespace Cnn.MLNet.Interpretation;

/// <summary>Benjamini–Hochberg q-values (the false discovery rate at which each test would be called).</summary>
internal static class BenjaminiHochberg
{
    /// <summary>q_i = min over the p-values p_j ≥ p_i of p_j × n / rank_j, capped at 1; in the order of <paramref name="pValues"/>.</summary>
    public static double[] QValues(IReadOnlyList<double> pValues)
    {
        int n = pValues.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => pValues[i]).ToArray();
        var q = new double[n];
        double running = 1.0;
        for (int rank = n; rank >= 1; rank--)
        {
            int i = order[rank - 1];
            running = Math.Min(running, pValues[i] * n / rank);
            q[i] = running;
        }
        return q;
    }
}
