using System.Numerics.Tensors;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The hypothetical contributions of every track, centred per position (the mean over the four
/// bases subtracted) and stored position-major on both strands, for fast cosine similarities of
/// windows.
/// </summary>
/// <remarks>
/// Centring is what makes two unrelated motifs dissimilar: hypothetical contributions (and PWM
/// log-odds) usually share a per-position offset — one base up, three down — that would otherwise
/// give any two informative windows a positive cosine. Centring keeps exactly the part that tells
/// the bases apart. It is used for similarity and alignment only; the reported matrices are raw.
/// </remarks>
internal sealed class CenteredContributions
{
    private readonly float[][] _forward, _reverse;
    private readonly double[][] _prefixSquares;

    public CenteredContributions(IReadOnlyList<ContributionTrack> tracks)
    {
        int n = tracks.Count;
        _forward = new float[n][];
        _reverse = new float[n][];
        _prefixSquares = new double[n][];
        for (int t = 0; t < n; t++)
        {
            var track = tracks[t];
            int length = track.Length;
            var hyp = track.HypotheticalValues;
            var forward = new float[4 * length];
            var reverse = new float[4 * length];
            var prefix = new double[length + 1];
            for (int i = 0; i < length; i++)
            {
                float mean = (hyp[i] + hyp[length + i] + hyp[2 * length + i] + hyp[3 * length + i]) / 4;
                double squares = 0;
                for (int b = 0; b < 4; b++)
                {
                    float v = hyp[b * length + i] - mean;
                    forward[4 * i + b] = v;
                    // The reverse strand reads positions backwards with complemented bases (A↔T, C↔G).
                    reverse[4 * (length - 1 - i) + (3 - b)] = v;
                    squares += (double)v * v;
                }
                prefix[i + 1] = prefix[i] + squares;
            }
            _forward[t] = forward;
            _reverse[t] = reverse;
            _prefixSquares[t] = prefix;
        }
    }

    /// <summary>The length of track <paramref name="track"/>.</summary>
    public int Length(int track) => _prefixSquares[track].Length - 1;

    /// <summary>
    /// The centred values of the <paramref name="width"/> positions from forward position
    /// <paramref name="start"/>, position-major; on strand '-' read as the reverse complement.
    /// </summary>
    public ReadOnlySpan<float> Window(int track, int start, int width, char strand) => strand == '+'
        ? _forward[track].AsSpan(4 * start, 4 * width)
        : _reverse[track].AsSpan(4 * (Length(track) - start - width), 4 * width);

    /// <summary>The squared norm of a window (the same on both strands).</summary>
    public double SquaredNorm(int track, int start, int width) => _prefixSquares[track][start + width] - _prefixSquares[track][start];

    /// <summary>A unit-length copy of the window (all zeros when the window is all zeros).</summary>
    public float[] UnitWindow(int track, int start, int width, char strand)
    {
        var copy = Window(track, start, width, strand).ToArray();
        Normalize(copy);
        return copy;
    }

    /// <summary>Scales <paramref name="values"/> to unit length (leaves an all-zero vector as it is).</summary>
    public static void Normalize(float[] values)
    {
        float norm = TensorPrimitives.Norm(values);
        if (norm > 0) TensorPrimitives.Divide(values, norm, values);
    }

    /// <summary>
    /// The best cosine similarity of the unit vector <paramref name="unit"/> (<paramref name="width"/>
    /// positions) with a window of track <paramref name="track"/> on either strand, over the starts
    /// <paramref name="firstStart"/> to <paramref name="lastStart"/> that lie inside the track. Ties go to
    /// the '+' strand, then the smaller start. Similarity −∞ when no start fits.
    /// </summary>
    public (double Similarity, int Start, char Strand) BestAlignment(ReadOnlySpan<float> unit, int width, int track, int firstStart, int lastStart)
    {
        int first = Math.Max(0, firstStart), last = Math.Min(Length(track) - width, lastStart);
        (double Similarity, int Start, char Strand) best = (double.NegativeInfinity, 0, '+');
        foreach (char strand in "+-")
        {
            for (int p = first; p <= last; p++)
            {
                double squared = SquaredNorm(track, p, width);
                double similarity = squared > 1e-12 ? TensorPrimitives.Dot(unit, Window(track, p, width, strand)) / Math.Sqrt(squared) : 0;
                if (similarity > best.Similarity) best = (similarity, p, strand);
            }
        }
        return best;
    }
}
