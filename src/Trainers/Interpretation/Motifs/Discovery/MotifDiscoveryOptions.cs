namespace Cnn.MLNet.Interpretation;

/// <summary>Settings of <see cref="MotifDiscovery.Discover"/>; every property has a documented default.</summary>
public sealed class MotifDiscoveryOptions
{
    /// <summary>
    /// The width of the sliding window whose summed actual contribution finds seqlets (TF-MoDISco's
    /// <c>sliding_window_size</c>). Default 21.
    /// </summary>
    public int WindowSize { get; set; } = 21;

    /// <summary>
    /// How far a seqlet extends on each side of its window (TF-MoDISco's <c>flank_size</c>); it is
    /// also the largest shift, either way, tried when aligning a seqlet. Default 10, so a seqlet
    /// is 41 positions long.
    /// </summary>
    public int Flank { get; set; } = 10;

    /// <summary>
    /// The false discovery rate the seqlet thresholds aim at: the positive (negative) threshold is
    /// the lowest window sum at which (null windows at or beyond it + 1) × (real windows ÷ null
    /// windows) ÷ (real windows at or beyond it) is at most this. Default 0.05. It is a rate over
    /// windows; the share of noise among seqlets is larger (see <see cref="MotifDiscovery"/>).
    /// </summary>
    public double TargetFdr { get; set; } = 0.05;

    /// <summary>
    /// The cosine similarity (of per-position-centred hypothetical contributions, best shift and
    /// strand) at which two seqlets count as neighbours when seeding clusters, and at which a
    /// seqlet joins a pattern. Default 0.6.
    /// </summary>
    public double MinSimilarity { get; set; } = 0.6;

    /// <summary>
    /// The cosine similarity (best shift and strand) of two patterns' trimmed hypothetical
    /// contribution matrices at which they are merged into one. Default 0.8.
    /// </summary>
    public double MergeSimilarity { get; set; } = 0.8;

    /// <summary>
    /// Patterns with fewer seqlets are dropped (TF-MoDISco's <c>final_min_cluster_size</c>); their
    /// seqlets stay unassigned. Default 20.
    /// </summary>
    public int MinSeqletsPerPattern { get; set; } = 20;

    /// <summary>
    /// At most this many seqlets of each sign enter the all-pairs similarity that seeds clusters
    /// (it costs time and memory quadratic in this number); when there are more, an evenly spaced
    /// subsample by contribution rank is used, and every seqlet is then assigned to the patterns.
    /// Default 1000.
    /// </summary>
    public int MaxSeqletsForClustering { get; set; } = 1000;

    /// <summary>
    /// A pattern is trimmed to the span from its first to its last position whose total absolute
    /// contribution (Σ over bases of |CWM|) is at least this fraction of the largest (TF-MoDISco's
    /// <c>trim_threshold</c>). Default 0.3.
    /// </summary>
    public double TrimThreshold { get; set; } = 0.3;

    /// <summary>Rounds of re-aligning every seqlet to the patterns and rebuilding them. Default 3.</summary>
    public int RefinementRounds { get; set; } = 3;

    internal void Check()
    {
        if (WindowSize < 1) throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "The window size must be at least 1.");
        if (Flank < 0) throw new ArgumentOutOfRangeException(nameof(Flank), Flank, "The flank cannot be negative.");
        if (!(TargetFdr > 0 && TargetFdr < 1)) throw new ArgumentOutOfRangeException(nameof(TargetFdr), TargetFdr, "The target FDR must be between 0 and 1 (exclusive).");
        if (!(MinSimilarity > 0 && MinSimilarity < 1)) throw new ArgumentOutOfRangeException(nameof(MinSimilarity), MinSimilarity, "The minimum similarity must be between 0 and 1 (exclusive).");
        if (!(MergeSimilarity > 0 && MergeSimilarity <= 1)) throw new ArgumentOutOfRangeException(nameof(MergeSimilarity), MergeSimilarity, "The merge similarity must be above 0 and at most 1.");
        if (MinSeqletsPerPattern < 1) throw new ArgumentOutOfRangeException(nameof(MinSeqletsPerPattern), MinSeqletsPerPattern, "A pattern needs at least 1 seqlet.");
        if (MaxSeqletsForClustering < 2) throw new ArgumentOutOfRangeException(nameof(MaxSeqletsForClustering), MaxSeqletsForClustering, "Clustering needs at least 2 seqlets.");
        if (!(TrimThreshold >= 0 && TrimThreshold <= 1)) throw new ArgumentOutOfRangeException(nameof(TrimThreshold), TrimThreshold, "The trim threshold must be 0 to 1.");
        if (RefinementRounds < 1) throw new ArgumentOutOfRangeException(nameof(RefinementRounds), RefinementRounds, "At least one refinement round is needed.");
    }
}
