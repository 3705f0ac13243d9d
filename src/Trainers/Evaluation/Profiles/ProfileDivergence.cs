namespace Cnn.MLNet.Trainers;

/// <summary>Per-row comparisons of an observed count profile with a predicted probability profile.</summary>
internal static class ProfileDivergence
{
    /// <summary>
    /// Jensen–Shannon distance, √JS, with base-2 logarithms so it lies in [0, 1] (scipy's
    /// <c>jensenshannon(p, q, base=2)</c>): 0 for identical profiles, 1 for disjoint ones. The
    /// observed counts are normalised by <paramref name="total"/> (&gt; 0); the prediction is used
    /// as given (already a distribution). A 0·log 0 term counts as 0.
    /// </summary>
    public static double JensenShannonDistance(ReadOnlySpan<float> counts, double total, ReadOnlySpan<float> probabilities)
    {
        double divergence = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double p = counts[i] / total, q = probabilities[i], m = 0.5 * (p + q);
            if (p > 0) divergence += 0.5 * p * Math.Log2(p / m);
            if (q > 0) divergence += 0.5 * q * Math.Log2(q / m);
        }
        // Rounding can leave a tiny negative or a hair above 1.
        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    /// <summary>
    /// Multinomial negative log-likelihood (nats) of <paramref name="counts"/> under
    /// <paramref name="probabilities"/>: −[ln N! − Σ ln kᵢ! + Σ kᵢ ln pᵢ] with N = Σ kᵢ. The
    /// coefficient term does not depend on the model (BPNet's training loss drops it) but keeps the
    /// value a true NLL, comparable across data sets. +∞ when a position with counts has probability 0.
    /// </summary>
    public static double MultinomialNll(ReadOnlySpan<float> counts, double total, ReadOnlySpan<float> probabilities)
    {
        double logLikelihood = LogGamma.Factorial(total);
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue; // 0·ln p = 0 and ln 0! = 0, even where p = 0
            logLikelihood += counts[i] * Math.Log(probabilities[i]) - LogGamma.Factorial(counts[i]);
        }
        return -logLikelihood;
    }

    /// <summary>Σ kᵢ in double precision (float sums lose reads past 2²⁴).</summary>
    public static double Total(ReadOnlySpan<float> counts)
    {
        double total = 0;
        foreach (float c in counts) total += c;
        return total;
    }
}
