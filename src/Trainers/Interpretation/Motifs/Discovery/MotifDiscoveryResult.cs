namespace Cnn.MLNet.Interpretation;

/// <summary>What <see cref="MotifDiscovery.Discover"/> found.</summary>
public sealed class MotifDiscoveryResult
{
    internal MotifDiscoveryResult(IReadOnlyList<DiscoveredPattern> patterns, IReadOnlyList<Seqlet> seqlets, double positiveThreshold, double negativeThreshold, int droppedAtEdges)
    {
        Patterns = patterns;
        Seqlets = seqlets;
        PositiveThreshold = positiveThreshold;
        NegativeThreshold = negativeThreshold;
        SeqletsDroppedAtEdges = droppedAtEdges;
    }

    /// <summary>The patterns: positive ones first, then negative ones, each by falling seqlet count.</summary>
    public IReadOnlyList<DiscoveredPattern> Patterns { get; }

    /// <summary>The positive patterns, by falling seqlet count.</summary>
    public IReadOnlyList<DiscoveredPattern> PositivePatterns => Patterns.Where(p => p.Sign > 0).ToList();

    /// <summary>The negative patterns, by falling seqlet count.</summary>
    public IReadOnlyList<DiscoveredPattern> NegativePatterns => Patterns.Where(p => p.Sign < 0).ToList();

    /// <summary>Every seqlet found, clustered or not, by track then start.</summary>
    public IReadOnlyList<Seqlet> Seqlets { get; }

    /// <summary>
    /// The reported positive threshold: windows whose summed actual contribution is at or above it
    /// made positive seqlets. +∞ when no threshold reached the target FDR (then there are none).
    /// </summary>
    public double PositiveThreshold { get; }

    /// <summary>
    /// The reported negative threshold: windows whose sum is at or below it made negative seqlets.
    /// −∞ when no threshold reached the target FDR (then there are none).
    /// </summary>
    public double NegativeThreshold { get; }

    /// <summary>The number of positive seqlets.</summary>
    public int PositiveSeqletCount => Seqlets.Count(s => s.Contribution > 0);

    /// <summary>The number of negative seqlets.</summary>
    public int NegativeSeqletCount => Seqlets.Count(s => s.Contribution < 0);

    /// <summary>Windows that passed a threshold and were picked but made no seqlet because the flanks ran off the sequence.</summary>
    public int SeqletsDroppedAtEdges { get; }

    /// <summary>The number of seqlets in no pattern.</summary>
    public int UnassignedSeqletCount => Seqlets.Count - Patterns.Sum(p => p.SeqletCount);

    /// <summary>Every pattern's PWM, in <see cref="Patterns"/> order (ids and site counts as in the patterns).</summary>
    public IReadOnlyList<Motif> Motifs => Patterns.Select(p => p.Pwm).ToList();

    /// <summary>Writes every pattern's PWM to a MEME minimal-format file (see <see cref="MemeFile"/>), ids <c>pos_pattern_N</c> / <c>neg_pattern_N</c>, nsites = seqlet count.</summary>
    /// <param name="path">The file to write.</param>
    public void WriteMeme(string path) => MemeFile.Write(path, Motifs);
}
