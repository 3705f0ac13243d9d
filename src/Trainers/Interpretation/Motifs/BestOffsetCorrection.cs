namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The law of a query's best-offset p-value against unrelated targets of one width, estimated from
/// the best-offset p-values of random targets: maps an observed best-offset p-value to the
/// probability that an unrelated target does at least as well (the corrected p-value).
/// </summary>
/// <remarks>
/// Above the <see cref="TailFraction"/> quantile of the simulated minima the law is their
/// empirical distribution (plotting positions r / (K + 1), linear between order statistics), so
/// the bulk is calibrated whatever the dependence between offsets. Below it, where few or no
/// simulated minima fall, the law is Šidák-shaped, 1 − (1 − p)^n, with n the maximum-likelihood
/// fit of Beta(1, n) to the lowest <see cref="TailFraction"/> of the minima (the others censored),
/// scaled to meet the empirical part; small p-values therefore keep the precision of the exact
/// per-offset p-value, multiplied by an effective number of tests fitted where it matters.
/// </remarks>
internal sealed class BestOffsetCorrection
{
    /// <summary>The fraction of simulated minima that the tail's effective number of tests is fitted to.</summary>
    public const double TailFraction = 0.2;

    private readonly double[] _minima;  // sorted
    private readonly int _anchor;       // the number of minima in the tail
    private readonly double _tests;     // n
    private readonly double _anchorLaw; // 1 − (1 − m_anchor)^n

    public BestOffsetCorrection(double[] minima)
    {
        _minima = minima.Order().ToArray();
        int k = _minima.Length;
        _anchor = Math.Max(1, (int)(k * TailFraction));
        double censored = -LogOneMinus(_minima[_anchor - 1]);
        double sum = (k - _anchor) * censored;
        for (int i = 0; i < _anchor; i++) sum -= LogOneMinus(_minima[i]);
        _tests = _anchor / Math.Max(sum, 1e-300);
        _anchorLaw = Sidak(_minima[_anchor - 1], _tests);
    }

    /// <summary>The effective number of independent tests fitted to the tail (for diagnostics).</summary>
    public double EffectiveTests => _tests;

    /// <summary>The corrected p-value of a best-offset p-value.</summary>
    public double PValue(double best)
    {
        if (best >= 1) return 1;
        int k = _minima.Length;
        int r = UpperBound(best);  // minima ≤ best
        if (r < _anchor)
        {
            double scale = _anchor / (k + 1.0);
            return _anchorLaw > 0 ? Math.Min(scale, scale * Sidak(best, _tests) / _anchorLaw) : scale;
        }
        double low = _minima[r - 1], lowLaw = r / (k + 1.0);
        double high = r < k ? _minima[r] : 1, highLaw = r < k ? (r + 1) / (k + 1.0) : 1;
        return high > low ? lowLaw + (best - low) / (high - low) * (highLaw - lowLaw) : lowLaw;
    }

    private int UpperBound(double value)
    {
        int lo = 0, hi = _minima.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_minima[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>1 − (1 − p)^n, accurate for small p.</summary>
    private static double Sidak(double p, double tests) => p >= 1 ? 1 : Math.Clamp(-ExpMinusOne(tests * LogOneMinus(p)), 0, 1);

    /// <summary>ln(1 − p), by its series where 1 − p would lose p's digits.</summary>
    private static double LogOneMinus(double p) => p < 1e-4 ? -p - p * p / 2 - p * p * p / 3 : Math.Log(1 - Math.Min(p, 1 - 1e-12));

    /// <summary>eˣ − 1, by its series where eˣ would lose x's digits.</summary>
    private static double ExpMinusOne(double x) => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;
}
