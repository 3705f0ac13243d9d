using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// One batch of rows handed to an attribution method, and where it writes: per-base actual
/// contributions (rows × input size, channel-major), optionally hypothetical ones, and for methods
/// with a summation property the value the contributions should sum to (output − mean reference output).
/// </summary>
internal sealed class AttributionBatch(int rows, int size, int outputs, bool hypothetical, bool deltas)
{
    public int Rows { get; } = rows;

    /// <summary>
    /// What each row explains, as weights over the raw outputs (rows × outputs): the target is
    /// Σ_j weight_j · output_j. One 1 at the target output for classifiers and regressors; for track
    /// models a count's or a track's profile weighted by its softmax (BPNet's profile target).
    /// Fixed per row, so inputs and references are weighed alike.
    /// </summary>
    public float[] Weights { get; } = new float[rows * outputs];

    /// <summary>Actual contributions: rows × size.</summary>
    public float[] Contributions { get; } = new float[rows * size];

    /// <summary>Hypothetical contributions (rows × size), when asked for; else null.</summary>
    public float[]? Hypothetical { get; } = hypothetical ? new float[rows * size] : null;

    /// <summary>Per row: what the contributions should sum to; null for methods without a summation property.</summary>
    public double[]? Deltas { get; } = deltas ? new double[rows] : null;
}

/// <summary>An attribution method over one network: fills an <see cref="AttributionBatch"/> for rows of encoded inputs.</summary>
internal interface IAttributionMethod
{
    /// <summary>Whether the method fills <see cref="AttributionBatch.Deltas"/>.</summary>
    bool SumsToDelta { get; }

    /// <summary>Fills <paramref name="batch"/> for <paramref name="inputs"/> (rows × input size) against <paramref name="model"/>'s target outputs.</summary>
    void Compute(CnnModel model, ReadOnlySpan<float> inputs, AttributionBatch batch);
}
