namespace Cnn.MLNet.Trainers;

/// <summary>
/// One track of a binned-coverage regression model (Basenji/Enformer style: per window, a value per
/// bin per track), over every bin of every row: Pearson's r of predicted vs observed values, the
/// same on ln(1 + value) (which stops a few very high bins from deciding r), Poisson NLL and MSE.
/// </summary>
/// <param name="Track">The track's index.</param>
/// <param name="Values">Bins evaluated (rows × bins).</param>
/// <param name="Pearson">Pearson's r of predicted vs observed values; NaN when either side is constant.</param>
/// <param name="Log1pPearson">Pearson's r of ln(1 + predicted) vs ln(1 + observed).</param>
/// <param name="PoissonNll">
/// Mean Poisson negative log-likelihood (nats) of the observed values with the predictions as rates:
/// ŷ − y·ln ŷ + ln Γ(y + 1). Basenji's training loss (Keras' Poisson) drops the ln Γ(y + 1) term, which
/// does not depend on the model; it is kept here so the value is a true NLL. +∞ when a bin with
/// counts is predicted 0.
/// </param>
/// <param name="MeanSquaredError">Mean of (ŷ − y)².</param>
public sealed record BinnedTrackMetrics(int Track, long Values, double Pearson, double Log1pPearson, double PoissonNll, double MeanSquaredError)
{
    /// <summary>Evaluates each track of binned predictions against the observed values.</summary>
    /// <param name="observed">[row][track][bin] observed values (counts or coverage): finite, not negative.</param>
    /// <param name="predicted">[row][track][bin] predicted values (the model's rates, e.g. after softplus): finite, not negative.</param>
    /// <returns>One entry per track, in order.</returns>
    /// <exception cref="ArgumentException">No rows, tracks or bins; sizes that disagree; a value that is NaN, infinite or negative.</exception>
    public static IReadOnlyList<BinnedTrackMetrics> Evaluate(float[][][] observed, float[][][] predicted)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predicted);
        if (observed.Length == 0)
            throw new ArgumentException("Binned metrics need at least one row of observed values.", nameof(observed));
        if (predicted.Length != observed.Length)
            throw new ArgumentException($"predicted has {predicted.Length} rows; observed has {observed.Length}.", nameof(predicted));
        int tracks = observed[0]?.Length ?? 0, bins = tracks > 0 ? observed[0][0]?.Length ?? 0 : 0;
        if (tracks == 0 || bins == 0)
            throw new ArgumentException("observed[0] has no tracks or no bins.", nameof(observed));
        for (int row = 0; row < observed.Length; row++)
        {
            Check(ProfileEvaluationData.CheckShape(observed[row], nameof(observed), $"[{row}]", tracks, bins), nameof(observed), row);
            Check(ProfileEvaluationData.CheckShape(predicted[row], nameof(predicted), $"[{row}]", tracks, bins), nameof(predicted), row);
        }
        return Enumerable.Range(0, tracks).Select(t => EvaluateTrack(observed, predicted, t, bins)).ToList();
    }

    private static BinnedTrackMetrics EvaluateTrack(float[][][] observed, float[][][] predicted, int t, int bins)
    {
        long n = (long)observed.Length * bins;
        var y = new double[n];
        var yHat = new double[n];
        double nll = 0, squared = 0;
        long k = 0;
        for (int row = 0; row < observed.Length; row++)
        {
            for (int b = 0; b < bins; b++, k++)
            {
                y[k] = observed[row][t][b];
                yHat[k] = predicted[row][t][b];
                // y·ln ŷ is 0 when y = 0, even for ŷ = 0 (the Poisson limit).
                nll += yHat[k] - (y[k] == 0 ? 0 : y[k] * Math.Log(yHat[k])) + LogGamma.Factorial(y[k]);
                squared += (yHat[k] - y[k]) * (yHat[k] - y[k]);
            }
        }
        return new BinnedTrackMetrics(t, n,
            Correlation.Pearson(y, yHat),
            Correlation.Pearson(y.Select(v => Math.Log(1 + v)).ToArray(), yHat.Select(v => Math.Log(1 + v)).ToArray()),
            nll / n, squared / n);
    }

    private static void Check(float[][] block, string name, int row)
    {
        for (int t = 0; t < block.Length; t++)
            for (int b = 0; b < block[t].Length; b++)
                if (!float.IsFinite(block[t][b]) || block[t][b] < 0)
                    throw new ArgumentException($"{name}[{row}][{t}][{b}] is {block[t][b]}; values must be finite and not negative.", name);
    }
}
