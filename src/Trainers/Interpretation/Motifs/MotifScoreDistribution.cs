namespace Cnn.MLNet.Interpretation;

/// <summary>
/// A motif's log-odds scoring matrix and the exact distribution of its window score under the
/// background model, for p-values as FIMO computes them (Grant, Bailey and Noble 2011): each
/// column's scores are rounded to a grid of <see cref="BinsPerBit"/> steps per bit, and the
/// distribution of the summed grid score over all 4^width windows drawn from the background is
/// built exactly by convolving the columns (a dynamic programme, no sampling).
/// </summary>
/// <remarks>
/// The p-value of a window is P(S ≥ s) for its grid score s; it is exact for the grid scores, and
/// differs from the p-value of the unrounded scores only where two windows' scores fall within one
/// grid step (1/<see cref="BinsPerBit"/> bit) of each other.
/// </remarks>
internal sealed class MotifScoreDistribution
{
    /// <summary>Grid steps per bit of log-odds score.</summary>
    public const int BinsPerBit = 1000;

    private readonly int[,] _grid;        // width × 4: column scores on the grid, shifted so each column's minimum is 0
    private readonly double[] _tail;      // _tail[s] = P(grid score ≥ s)

    public MotifScoreDistribution(double[,] logOdds, IReadOnlyList<double> background)
    {
        int width = logOdds.GetLength(0);
        _grid = new int[width, 4];
        Offset = 0;
        int total = 0;
        for (int i = 0; i < width; i++)
        {
            double min = double.PositiveInfinity;
            for (int b = 0; b < 4; b++) min = Math.Min(min, logOdds[i, b]);
            int columnMax = 0;
            for (int b = 0; b < 4; b++)
            {
                _grid[i, b] = (int)Math.Round((logOdds[i, b] - min) * BinsPerBit);
                columnMax = Math.Max(columnMax, _grid[i, b]);
            }
            Offset += min;
            total += columnMax;
        }

        // P(grid score = s) by convolving the columns under the background.
        var density = new double[total + 1];
        density[0] = 1;
        int reach = 0;
        for (int i = 0; i < width; i++)
        {
            var next = new double[total + 1];
            int columnMax = 0;
            for (int b = 0; b < 4; b++)
            {
                int step = _grid[i, b];
                columnMax = Math.Max(columnMax, step);
                double p = background[b];
                for (int s = 0; s <= reach; s++) next[s + step] += density[s] * p;
            }
            density = next;
            reach += columnMax;
        }
        _tail = new double[total + 2];
        for (int s = total; s >= 0; s--) _tail[s] = _tail[s + 1] + density[s];
    }

    /// <summary>The sum of the columns' minimum scores (bits): a grid score g is the score Offset + g / BinsPerBit.</summary>
    public double Offset { get; }

    /// <summary>The grid score of a window given as base indices (0–3), or −1 when it holds another base.</summary>
    public int GridScore(ReadOnlySpan<sbyte> bases)
    {
        int score = 0;
        for (int i = 0; i < bases.Length; i++)
        {
            int b = bases[i];
            if (b < 0) return -1;
            score += _grid[i, b];
        }
        return score;
    }

    /// <summary>P(S ≥ <paramref name="gridScore"/>) for a window drawn from the background.</summary>
    public double PValue(int gridScore) => gridScore <= 0 ? 1.0 : gridScore >= _tail.Length ? 0.0 : Math.Min(1.0, _tail[gridScore]);

    /// <summary>The score in bits of a grid score.</summary>
    public double Bits(int gridScore) => Offset + (double)gridScore / BinsPerBit;
}
