namespace Cnn.MLNet.Trainers;

/// <summary>
/// ln Γ(x) for x &gt; 0 (.NET has none): the multinomial and Poisson likelihoods need ln(k!) = ln Γ(k + 1),
/// and coverage counts may be fractional (scaled or averaged tracks), so the factorial is not enough.
/// </summary>
internal static class LogGamma
{
    // Lanczos approximation, g = 7, nine coefficients (Numerical Recipes / Godfrey): relative error about 1e-15.
    private static readonly double[] Coefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(<paramref name="x"/>) for x &gt; 0.</summary>
    public static double Of(double x)
    {
        // Reflection keeps the series in its accurate range (x ≥ ½); ln Γ(1) = ln Γ(2) = 0 exactly.
        if (x == 1 || x == 2) return 0;
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - Of(1 - x);
        x -= 1;
        double sum = Coefficients[0];
        for (int i = 1; i < Coefficients.Length; i++) sum += Coefficients[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>ln(k!) = ln Γ(k + 1) for k ≥ 0.</summary>
    public static double Factorial(double k) => Of(k + 1);
}
