namespace Cnn.MLNet.Trainers;

/// <summary>
/// What <see cref="ProfileMetrics.Evaluate"/> compares, for a BPNet-style profile model: per row
/// (window) and track, the observed counts at each of P positions, the predicted profile as
/// probabilities over those positions, the predicted log count, and optionally whether the row is
/// a peak. Every value is checked here, once, with messages that name the row, track and position.
/// </summary>
/// <remarks>
/// The arrays are referenced, not copied (they can be large); changing them afterwards bypasses the
/// checks. Predicted profiles are probabilities (the softmax of the profile head's logits); use
/// <see cref="FromLogits"/> when you hold the logits.
/// </remarks>
public sealed class ProfileEvaluationData
{
    // Relative float error of a softmax over thousands of positions is far below this; a larger gap means
    // the caller passed logits or unnormalised scores.
    private const double SumTolerance = 1e-3;

    /// <summary>Checks and holds the observed and predicted values.</summary>
    /// <param name="observedCounts">[row][track][position] observed counts: finite and not negative (fractional values are allowed).</param>
    /// <param name="predictedProbabilities">[row][track][position] predicted probabilities: finite, not negative, each profile summing to 1 (within 1e-3).</param>
    /// <param name="predictedLogCounts">[row][track] predicted ln(total + 1), the count head's output: finite.</param>
    /// <param name="isPeak">Optional [row] peak (true) or background (false) label, for <see cref="ProfileTrackMetrics.PeakAuprc"/>.</param>
    /// <exception cref="ArgumentException">No rows, tracks or positions; sizes that disagree; a value that is NaN, infinite or negative; a profile that does not sum to 1.</exception>
    public ProfileEvaluationData(float[][][] observedCounts, float[][][] predictedProbabilities, float[][] predictedLogCounts, bool[]? isPeak = null)
    {
        ArgumentNullException.ThrowIfNull(observedCounts);
        ArgumentNullException.ThrowIfNull(predictedProbabilities);
        ArgumentNullException.ThrowIfNull(predictedLogCounts);
        if (observedCounts.Length == 0)
            throw new ArgumentException("Profile metrics need at least one row of observed counts.", nameof(observedCounts));
        Rows = observedCounts.Length;
        Tracks = Require(observedCounts[0], nameof(observedCounts), "[0]", "tracks").Length;
        Positions = Require(observedCounts[0][0], nameof(observedCounts), "[0][0]", "positions").Length;
        if (Tracks == 0) throw new ArgumentException("observedCounts[0] has no tracks.", nameof(observedCounts));
        if (Positions == 0) throw new ArgumentException("observedCounts[0][0] has no positions.", nameof(observedCounts));
        CheckRowCount(predictedProbabilities.Length, nameof(predictedProbabilities));
        CheckRowCount(predictedLogCounts.Length, nameof(predictedLogCounts));
        if (isPeak is not null) CheckRowCount(isPeak.Length, nameof(isPeak));

        for (int row = 0; row < Rows; row++)
        {
            var observed = Shape(observedCounts[row], nameof(observedCounts), row);
            var predicted = Shape(predictedProbabilities[row], nameof(predictedProbabilities), row);
            var logCounts = Require(predictedLogCounts[row], nameof(predictedLogCounts), $"[{row}]", "tracks");
            if (logCounts.Length != Tracks)
                throw new ArgumentException($"predictedLogCounts[{row}] has {logCounts.Length} tracks; observedCounts has {Tracks}.", nameof(predictedLogCounts));
            for (int track = 0; track < Tracks; track++)
            {
                if (!float.IsFinite(logCounts[track]))
                    throw new ArgumentException($"predictedLogCounts[{row}][{track}] is {logCounts[track]}; predicted log counts must be finite.", nameof(predictedLogCounts));
                CheckCounts(observed[track], row, track);
                CheckProbabilities(predicted[track], nameof(predictedProbabilities), $"[{row}][{track}]");
            }
        }
        ObservedCounts = observedCounts;
        PredictedProbabilities = predictedProbabilities;
        PredictedLogCounts = predictedLogCounts;
        IsPeak = isPeak;
    }

    /// <summary>Number of rows (windows).</summary>
    public int Rows { get; }

    /// <summary>Number of tracks (e.g. strands or experiments) per row.</summary>
    public int Tracks { get; }

    /// <summary>Number of positions per profile.</summary>
    public int Positions { get; }

    /// <summary>Whether rows carry peak/background labels.</summary>
    public bool HasPeakLabels => IsPeak is not null;

    internal float[][][] ObservedCounts { get; }
    internal float[][][] PredictedProbabilities { get; }
    internal float[][] PredictedLogCounts { get; }
    internal bool[]? IsPeak { get; }

    /// <summary>
    /// As the constructor, from the profile head's logits: each [row][track] profile becomes its
    /// softmax (computed in double precision, shifted by its maximum so large logits do not overflow).
    /// </summary>
    /// <param name="observedCounts">[row][track][position] observed counts.</param>
    /// <param name="predictedLogits">[row][track][position] profile logits: finite.</param>
    /// <param name="predictedLogCounts">[row][track] predicted ln(total + 1).</param>
    /// <param name="isPeak">Optional [row] peak labels.</param>
    /// <exception cref="ArgumentException">As the constructor; also a NaN or infinite logit, or logits of the wrong shape.</exception>
    public static ProfileEvaluationData FromLogits(float[][][] observedCounts, float[][][] predictedLogits, float[][] predictedLogCounts, bool[]? isPeak = null)
    {
        ArgumentNullException.ThrowIfNull(predictedLogits);
        var probabilities = new float[predictedLogits.Length][][];
        for (int row = 0; row < predictedLogits.Length; row++)
        {
            var tracks = Require(predictedLogits[row], nameof(predictedLogits), $"[{row}]", "tracks");
            probabilities[row] = new float[tracks.Length][];
            for (int track = 0; track < tracks.Length; track++)
                probabilities[row][track] = Softmax(Require(tracks[track], nameof(predictedLogits), $"[{row}][{track}]", "positions"), $"[{row}][{track}]");
        }
        try
        {
            return new ProfileEvaluationData(observedCounts, probabilities, predictedLogCounts, isPeak);
        }
        catch (ArgumentException e) when (e.ParamName == "predictedProbabilities")
        {
            // A shape error in the softmax of the logits is the caller's logits' error: name them.
            throw new ArgumentException(e.Message.Split(" (Parameter")[0].Replace("predictedProbabilities", "predictedLogits", StringComparison.Ordinal), nameof(predictedLogits));
        }
    }

    private static float[] Softmax(float[] logits, string where)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++)
        {
            if (!float.IsFinite(logits[i]))
                throw new ArgumentException($"predictedLogits{where}[{i}] is {logits[i]}; logits must be finite.", "predictedLogits");
            max = Math.Max(max, logits[i]);
        }
        double sum = 0;
        var exp = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++) sum += exp[i] = Math.Exp(logits[i] - max);
        var result = new float[logits.Length];
        for (int i = 0; i < logits.Length; i++) result[i] = (float)(exp[i] / sum);
        return result;
    }

    /// <summary>Checks a [tracks][positions] block (a row of observations or predictions, or an average profile).</summary>
    internal float[][] Shape(float[][]? block, string name, int row) => CheckShape(block, name, $"[{row}]", Tracks, Positions);

    internal static float[][] CheckShape(float[][]? block, string name, string where, int tracks, int positions)
    {
        var checkedBlock = Require(block, name, where, "tracks");
        if (checkedBlock.Length != tracks)
            throw new ArgumentException($"{name}{where} has {checkedBlock.Length} tracks; observedCounts has {tracks}.", name);
        for (int track = 0; track < tracks; track++)
        {
            var profile = Require(checkedBlock[track], name, $"{where}[{track}]", "positions");
            if (profile.Length != positions)
                throw new ArgumentException($"{name}{where}[{track}] has {profile.Length} positions; observedCounts has {positions}.", name);
        }
        return checkedBlock;
    }

    /// <summary>Checks one probability profile: finite, not negative, summing to 1.</summary>
    internal static void CheckProbabilities(float[] profile, string name, string where)
    {
        double sum = 0;
        for (int i = 0; i < profile.Length; i++)
        {
            if (!float.IsFinite(profile[i]) || profile[i] < 0)
                throw new ArgumentException($"{name}{where}[{i}] is {profile[i]}; probabilities must be finite and not negative.", name);
            sum += profile[i];
        }
        if (Math.Abs(sum - 1) > SumTolerance)
            throw new ArgumentException($"{name}{where} sums to {sum}, not 1; pass probabilities (the softmax of the logits), or use FromLogits.", name);
    }

    private static void CheckCounts(float[] counts, int row, int track)
    {
        for (int i = 0; i < counts.Length; i++)
            if (!float.IsFinite(counts[i]) || counts[i] < 0)
                throw new ArgumentException($"observedCounts[{row}][{track}][{i}] is {counts[i]}; counts must be finite and not negative.", "observedCounts");
    }

    private void CheckRowCount(int rows, string name)
    {
        if (rows != Rows)
            throw new ArgumentException($"{name} has {rows} rows; observedCounts has {Rows}.", name);
    }

    private static T Require<T>(T? value, string name, string where, string what) where T : class =>
        value ?? throw new ArgumentException($"{name}{where} is null; it should hold the {what}.", name);
}
