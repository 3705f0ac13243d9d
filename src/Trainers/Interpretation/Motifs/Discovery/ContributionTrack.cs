using System.Globalization;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// One sequence's input to <see cref="MotifDiscovery"/>: its one-hot encoding and the
/// hypothetical contributions an attribution method (DeepLIFT, DeepSHAP, …) gave it. Immutable.
/// </summary>
/// <remarks>
/// <para>Both arrays are 4 × <see cref="Length"/> floats, channel-major in A, C, G, T order: the
/// value of base b at position i is at index <c>b * Length + i</c>.</para>
/// <para>The hypothetical contribution of base b at position i is what that base would contribute
/// were it the base present; the actual contribution at position i is the hypothetical value of
/// the base present there (hypothetical × one-hot, summed over the channels), and 0 where no base
/// is hot (an N).</para>
/// <para>The arrays are copied, so later changes to the caller's arrays do not reach the track.</para>
/// </remarks>
public sealed class ContributionTrack
{
    private readonly float[] _oneHot;
    private readonly float[] _hypothetical;

    /// <summary>Creates a track and checks it.</summary>
    /// <param name="oneHot">4 × <paramref name="length"/> values, each 0 or 1, at most one 1 per position (none for an unknown base).</param>
    /// <param name="hypotheticalContributions">4 × <paramref name="length"/> finite hypothetical contributions, same layout.</param>
    /// <param name="length">The sequence length L (at least 1).</param>
    /// <param name="name">A name for error messages and reports, e.g. the sequence id or "sequence 12"; "contribution track" when null.</param>
    /// <exception cref="ArgumentException">An array is not 4 × <paramref name="length"/> long, a one-hot value is not 0 or 1, a position has more than one hot base, or a hypothetical contribution is not finite; the message names the track, the position and the base.</exception>
    public ContributionTrack(float[] oneHot, float[] hypotheticalContributions, int length, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(oneHot);
        ArgumentNullException.ThrowIfNull(hypotheticalContributions);
        Name = name;
        string who = name is null ? "Contribution track" : $"Contribution track '{name}'";
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"{who}: the length must be at least 1.");
        if (oneHot.Length != 4L * length)
            throw new ArgumentException($"{who}: the one-hot array has {oneHot.Length} values; a sequence of length {length} needs 4 × {length} = {4L * length} (channel-major A, C, G, T).", nameof(oneHot));
        if (hypotheticalContributions.Length != 4L * length)
            throw new ArgumentException($"{who}: the hypothetical contribution array has {hypotheticalContributions.Length} values; a sequence of length {length} needs 4 × {length} = {4L * length} (channel-major A, C, G, T).", nameof(hypotheticalContributions));

        for (int i = 0; i < length; i++)
        {
            int hot = -1;
            for (int b = 0; b < 4; b++)
            {
                float v = oneHot[b * length + i];
                if (v != 0f && v != 1f)
                    throw new ArgumentException($"{who}: one-hot value {v.ToString("G6", CultureInfo.InvariantCulture)} at position {i} (0-based), base {Motif.Bases[b]}; one-hot values must be 0 or 1.", nameof(oneHot));
                if (v == 1f)
                {
                    if (hot >= 0)
                        throw new ArgumentException($"{who}: position {i} (0-based) has both {Motif.Bases[hot]} and {Motif.Bases[b]} hot; at most one base may be hot per position.", nameof(oneHot));
                    hot = b;
                }
                float h = hypotheticalContributions[b * length + i];
                if (!float.IsFinite(h))
                    throw new ArgumentException($"{who}: the hypothetical contribution at position {i} (0-based), base {Motif.Bases[b]} is {h.ToString(CultureInfo.InvariantCulture)}; contributions must be finite.", nameof(hypotheticalContributions));
            }
        }

        Length = length;
        _oneHot = (float[])oneHot.Clone();
        _hypothetical = (float[])hypotheticalContributions.Clone();
    }

    /// <summary>The name given at construction, or null.</summary>
    public string? Name { get; }

    /// <summary>The sequence length L.</summary>
    public int Length { get; }

    /// <summary>The one-hot value of base <paramref name="baseIndex"/> (0 = A … 3 = T) at <paramref name="position"/>.</summary>
    public float OneHot(int baseIndex, int position) => _oneHot[Index(baseIndex, position)];

    /// <summary>The hypothetical contribution of base <paramref name="baseIndex"/> (0 = A … 3 = T) at <paramref name="position"/>.</summary>
    public float Hypothetical(int baseIndex, int position) => _hypothetical[Index(baseIndex, position)];

    /// <summary>The actual contribution at <paramref name="position"/>: the hypothetical contribution of the base present (0 at an unknown base).</summary>
    public float Actual(int position)
    {
        float sum = 0;
        for (int b = 0; b < 4; b++) sum += _hypothetical[Index(b, position)] * _oneHot[b * Length + position];
        return sum;
    }

    /// <summary>The actual contribution at every position (see <see cref="Actual"/>).</summary>
    public float[] ActualContributions()
    {
        var actual = new float[Length];
        for (int i = 0; i < Length; i++) actual[i] = Actual(i);
        return actual;
    }

    /// <summary>The one-hot values, channel-major (no copy; internal readers must not write).</summary>
    internal float[] OneHotValues => _oneHot;

    /// <summary>The hypothetical contributions, channel-major (no copy; internal readers must not write).</summary>
    internal float[] HypotheticalValues => _hypothetical;

    private int Index(int baseIndex, int position)
    {
        if ((uint)baseIndex > 3) throw new ArgumentOutOfRangeException(nameof(baseIndex), baseIndex, "The base index must be 0 (A) to 3 (T).");
        if ((uint)position >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(position), position, $"The track has {Length} positions.");
        return baseIndex * Length + position;
    }
}
