namespace Cnn.MLNet.Interpretation;

/// <summary>
/// A pattern found by <see cref="MotifDiscovery"/>: a cluster of aligned seqlets and the matrices
/// built from them, all over the pattern's trimmed core.
/// </summary>
public sealed class DiscoveredPattern
{
    private readonly double[,] _cwm, _hypotheticalCwm;

    internal DiscoveredPattern(string id, int sign, IReadOnlyList<AlignedSeqlet> seqlets, double[,] cwm, double[,] hypotheticalCwm, Motif pwm)
    {
        Id = id;
        Sign = sign;
        Seqlets = seqlets;
        _cwm = cwm;
        _hypotheticalCwm = hypotheticalCwm;
        Pwm = pwm;
    }

    /// <summary>The identifier: <c>pos_pattern_N</c> or <c>neg_pattern_N</c>, N counting from 0 by falling seqlet count within the sign.</summary>
    public string Id { get; }

    /// <summary>+1 for a pattern of positive-contribution seqlets, −1 for negative ones.</summary>
    public int Sign { get; }

    /// <summary>The member seqlets with their alignment to the pattern, by track then start.</summary>
    public IReadOnlyList<AlignedSeqlet> Seqlets { get; }

    /// <summary>The number of member seqlets.</summary>
    public int SeqletCount => Seqlets.Count;

    /// <summary>The number of positions of the trimmed pattern.</summary>
    public int Width => _cwm.GetLength(0);

    /// <summary>
    /// A copy of the contribution weight matrix: [position, base] (A, C, G, T) = the mean actual
    /// contribution of that base at that position over the aligned seqlets (0 for seqlets with
    /// another base there), in pattern orientation.
    /// </summary>
    public double[,] Cwm => (double[,])_cwm.Clone();

    /// <summary>A copy of the hypothetical contribution weight matrix: [position, base] = the mean hypothetical contribution over the aligned seqlets.</summary>
    public double[,] HypotheticalCwm => (double[,])_hypotheticalCwm.Clone();

    /// <summary>The position probability matrix: the base frequencies of the aligned seqlets; <see cref="Motif.Sites"/> is the seqlet count.</summary>
    public Motif Pwm { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({SeqletCount} seqlets, w={Width}, {Pwm.Consensus()})";
}
