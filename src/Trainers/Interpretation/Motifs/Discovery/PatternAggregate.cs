namespace Cnn.MLNet.Interpretation;

/// <summary>One seqlet's place in a pattern while clustering: the pattern's core spans <see cref="Start"/> … + width on <see cref="Strand"/>.</summary>
internal readonly record struct Placement(Seqlet Seqlet, int Start, char Strand, double Similarity);

/// <summary>
/// The sums over a pattern's aligned seqlets in a frame around its core: actual and hypothetical
/// contributions, their per-position-centred form, base counts and coverage, in pattern orientation.
/// </summary>
internal sealed class PatternAggregate
{
    private readonly double[,] _actual, _hypothetical, _centered, _bases;
    private readonly int[] _coverage;
    private readonly int _members;

    /// <summary>
    /// Sums the members' windows: the core (<paramref name="width"/> positions from each member's
    /// start) widened by <paramref name="extension"/> positions on both sides. For a member on '+',
    /// frame position j is track position start − extension + j; on '-', it is
    /// start + width − 1 + extension − j with bases complemented. Positions off the track add nothing.
    /// </summary>
    public PatternAggregate(IReadOnlyList<ContributionTrack> tracks, IReadOnlyList<Placement> members, int width, int extension)
    {
        Width = width + 2 * extension;
        _actual = new double[Width, 4];
        _hypothetical = new double[Width, 4];
        _centered = new double[Width, 4];
        _bases = new double[Width, 4];
        _coverage = new int[Width];
        _members = members.Count;
        foreach (var m in members)
        {
            var track = tracks[m.Seqlet.TrackIndex];
            int length = track.Length;
            var hyp = track.HypotheticalValues;
            var oneHot = track.OneHotValues;
            for (int j = 0; j < Width; j++)
            {
                int position = m.Strand == '+' ? m.Start - extension + j : m.Start + width - 1 + extension - j;
                if (position < 0 || position >= length) continue;
                _coverage[j]++;
                float mean = (hyp[position] + hyp[length + position] + hyp[2 * length + position] + hyp[3 * length + position]) / 4;
                for (int b = 0; b < 4; b++)
                {
                    int trackBase = m.Strand == '+' ? b : 3 - b;
                    float h = hyp[trackBase * length + position];
                    float present = oneHot[trackBase * length + position];
                    _hypothetical[j, b] += h;
                    _centered[j, b] += h - mean;
                    _actual[j, b] += h * present;
                    _bases[j, b] += present;
                }
            }
        }
    }

    /// <summary>The frame width.</summary>
    public int Width { get; }

    /// <summary>
    /// The trimmed span [first, last] of frame positions: from the first to the last position
    /// whose Σ_b |mean actual contribution| is at least <paramref name="threshold"/> × the largest.
    /// Positions covered by fewer than half the members count as 0, so the span does not grow
    /// into the edges most members lack. Null when every position is 0.
    /// </summary>
    public (int First, int Last)? Trim(double threshold)
    {
        var totals = new double[Width];
        for (int j = 0; j < Width; j++)
        {
            if (2 * _coverage[j] < _members || _coverage[j] == 0) continue;
            for (int b = 0; b < 4; b++) totals[j] += Math.Abs(_actual[j, b]) / _coverage[j];
        }
        double max = totals.Max();
        if (!(max > 0)) return null;
        int first = Array.FindIndex(totals, v => v >= threshold * max);
        int last = Array.FindLastIndex(totals, v => v >= threshold * max);
        return (first, last);
    }

    /// <summary>The mean actual contributions (CWM) of frame positions first … last, [position, base].</summary>
    public double[,] Cwm(int first, int last) => Mean(_actual, first, last);

    /// <summary>The mean hypothetical contributions of frame positions first … last, [position, base].</summary>
    public double[,] HypotheticalCwm(int first, int last) => Mean(_hypothetical, first, last);

    /// <summary>The base frequencies of frame positions first … last (uniform where no member has a known base).</summary>
    public double[,] Frequencies(int first, int last)
    {
        var frequencies = new double[last - first + 1, 4];
        for (int j = first; j <= last; j++)
        {
            double total = _bases[j, 0] + _bases[j, 1] + _bases[j, 2] + _bases[j, 3];
            for (int b = 0; b < 4; b++) frequencies[j - first, b] = total > 0 ? _bases[j, b] / total : 0.25;
        }
        return frequencies;
    }

    /// <summary>The unit-length, position-major mean centred hypothetical contributions of frame positions first … last: the pattern's alignment template.</summary>
    public float[] Template(int first, int last)
    {
        var template = new float[4 * (last - first + 1)];
        var mean = Mean(_centered, first, last);
        for (int j = 0; j <= last - first; j++)
            for (int b = 0; b < 4; b++) template[4 * j + b] = (float)mean[j, b];
        CenteredContributions.Normalize(template);
        return template;
    }

    private double[,] Mean(double[,] sums, int first, int last)
    {
        var mean = new double[last - first + 1, 4];
        for (int j = first; j <= last; j++)
            for (int b = 0; b < 4; b++) mean[j - first, b] = _coverage[j] > 0 ? sums[j, b] / _coverage[j] : 0;
        return mean;
    }

    /// <summary>
    /// A member's placement after trimming the frame (built with <paramref name="width"/> and
    /// <paramref name="extension"/>) to [first, last].
    /// </summary>
    public static Placement Retrim(Placement member, int width, int extension, int first, int last) => member with
    {
        Start = member.Strand == '+' ? member.Start - extension + first : member.Start + width - 1 + extension - last,
    };
}
