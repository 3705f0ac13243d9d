namespace Cnn.MLNet.Interpretation;

/// <summary>
/// De-novo motif discovery from contribution scores, after TF-MoDISco (Shrikumar et al. 2018,
/// arXiv:1811.00416): finds seqlets — stretches of high summed contribution — and clusters them
/// into patterns, each reported as a contribution weight matrix and a PWM.
/// </summary>
/// <remarks>
/// <para><b>Seqlets.</b> Per track, the actual contribution of each position is summed over every
/// window of <see cref="MotifDiscoveryOptions.WindowSize"/> positions. The positive threshold is
/// the lowest window sum at which the estimated false discovery rate — null windows at or above
/// it (plus 1), scaled by the ratio of real to null windows, over real windows at or above it —
/// is at most <see cref="MotifDiscoveryOptions.TargetFdr"/>; the negative threshold likewise for
/// sums at or below it. (TF-MoDISco fits a Laplace distribution to the null; this uses the null's
/// empirical distribution, so the null tracks should be many — e.g. dinucleotide shuffles of every
/// sequence.) The rate is over windows, not seqlets: a motif site passes in many overlapping
/// windows and a noise peak in few, so the share of noise among seqlets is larger than the target;
/// noise seqlets mostly join no pattern. Passing windows are taken greedily, largest |sum| first, skipping any that overlaps
/// one taken; each is widened by <see cref="MotifDiscoveryOptions.Flank"/> on both sides, and one
/// whose flanks run off its sequence is dropped.</para>
/// <para><b>Clustering.</b> Positive and negative seqlets are clustered separately (see the
/// options for the thresholds): similarity is the cosine of per-position-centred hypothetical
/// contributions, at the best shift (up to the flank either way) and strand, so a motif's forward
/// and reverse-complement occurrences form one pattern. Density seeds on the all-pairs similarity of
/// at most <see cref="MotifDiscoveryOptions.MaxSeqletsForClustering"/> seqlets start the
/// patterns; then, for <see cref="MotifDiscoveryOptions.RefinementRounds"/> rounds, every seqlet
/// joins the pattern it is most similar to (when similar enough) and each pattern is rebuilt and
/// re-trimmed. Patterns more similar than <see cref="MotifDiscoveryOptions.MergeSimilarity"/> are
/// merged, those with fewer than <see cref="MotifDiscoveryOptions.MinSeqletsPerPattern"/> seqlets
/// dropped, and every seqlet is assigned a last time to the final patterns.</para>
/// <para><b>Patterns.</b> A pattern is trimmed to the span from its first to its last position
/// whose Σ|CWM| reaches <see cref="MotifDiscoveryOptions.TrimThreshold"/> × the largest. Its CWM
/// is the mean actual contribution of the aligned seqlets, its hypothetical CWM the mean
/// hypothetical contribution, and its PWM the base frequencies. Patterns are ranked by seqlet
/// count within their sign and named <c>pos_pattern_N</c> and <c>neg_pattern_N</c>.</para>
/// <para>The result is deterministic: every tie is broken by a fixed order, and parallel loops
/// only fill separate slots.</para>
/// </remarks>
public static class MotifDiscovery
{
    /// <summary>Finds seqlets in <paramref name="tracks"/> and clusters them into patterns.</summary>
    /// <param name="tracks">The sequences' contribution tracks; seqlets and aligned seqlets refer to them by index in this list.</param>
    /// <param name="nullTracks">Contribution tracks of null sequences (e.g. dinucleotide shuffles of the same sequences), which set the seqlet thresholds; at least one.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <exception cref="ArgumentException">A list holds a null entry (the message names the list and index), <paramref name="nullTracks"/> is empty, or an option is out of range.</exception>
    public static MotifDiscoveryResult Discover(IReadOnlyList<ContributionTrack> tracks, IReadOnlyList<ContributionTrack> nullTracks, MotifDiscoveryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(nullTracks);
        options ??= new MotifDiscoveryOptions();
        options.Check();
        CheckEntries(tracks, nameof(tracks));
        CheckEntries(nullTracks, nameof(nullTracks));
        if (nullTracks.Count == 0)
            throw new ArgumentException("No null tracks: the seqlet thresholds are set from null tracks (e.g. dinucleotide-shuffled sequences); give at least one.", nameof(nullTracks));

        var found = SeqletFinder.Find(tracks, nullTracks, options);
        var centered = new CenteredContributions(tracks);
        var patterns = new List<DiscoveredPattern>();
        foreach (int sign in new[] { 1, -1 })
        {
            var ofSign = found.Seqlets.Where(s => Math.Sign(s.Contribution) == sign).ToList();
            var clusters = SeqletClustering.Cluster(tracks, centered, ofSign, options)
                .OrderByDescending(c => c.Members.Count).ToList(); // a stable sort: ties keep the order the clusters were found in
            for (int k = 0; k < clusters.Count; k++)
                patterns.Add(Report(tracks, clusters[k], $"{(sign > 0 ? "pos" : "neg")}_pattern_{k}", sign));
        }
        return new MotifDiscoveryResult(patterns, found.Seqlets, found.PositiveThreshold, found.NegativeThreshold, found.DroppedAtEdges);
    }

    private static void CheckEntries(IReadOnlyList<ContributionTrack> list, string name)
    {
        for (int i = 0; i < list.Count; i++)
            if (list[i] is null)
                throw new ArgumentException($"{name}[{i}] is null; every entry must be a contribution track.", name);
    }

    /// <summary>The reported pattern: matrices over exactly the members' final placements (no further trimming).</summary>
    private static DiscoveredPattern Report(IReadOnlyList<ContributionTrack> tracks, PatternState cluster, string id, int sign)
    {
        var aggregate = new PatternAggregate(tracks, cluster.Members, cluster.Width, extension: 0);
        int last = cluster.Width - 1;
        var pwm = new Motif(id, aggregate.Frequencies(0, last), sites: cluster.Members.Count);
        var seqlets = cluster.Members
            .Select(m => new AlignedSeqlet(m.Seqlet.TrackIndex, m.Start, m.Strand, m.Similarity, m.Seqlet))
            .ToList();
        return new DiscoveredPattern(id, sign, seqlets, aggregate.Cwm(0, last), aggregate.HypotheticalCwm(0, last), pwm);
    }
}
