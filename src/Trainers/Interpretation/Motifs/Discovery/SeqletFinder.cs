namespace Cnn.MLNet.Interpretation;

/// <summary>What seqlet finding produced: the seqlets, the thresholds and the counts behind them.</summary>
/// <param name="Seqlets">The seqlets, by track then start.</param>
/// <param name="PositiveThreshold">Window sums at or above this make positive seqlets; +∞ when no threshold reached the target FDR.</param>
/// <param name="NegativeThreshold">Window sums at or below this make negative seqlets; −∞ when no threshold reached the target FDR.</param>
/// <param name="DroppedAtEdges">Windows that passed and were picked but whose flanks ran off the sequence.</param>
internal sealed record SeqletSet(IReadOnlyList<Seqlet> Seqlets, double PositiveThreshold, double NegativeThreshold, int DroppedAtEdges);

/// <summary>
/// Finds seqlets (TF-MoDISco's first step): windows of high summed actual contribution, with the
/// threshold set from null tracks by an empirical false discovery rate.
/// </summary>
internal static class SeqletFinder
{
    public static SeqletSet Find(IReadOnlyList<ContributionTrack> tracks, IReadOnlyList<ContributionTrack> nullTracks, MotifDiscoveryOptions options)
    {
        int w = options.WindowSize;
        var sums = tracks.Select(t => WindowSums(t, w)).ToArray();
        var nullSums = nullTracks.Select(t => WindowSums(t, w)).ToArray();
        var real = sums.SelectMany(s => s).ToArray();
        var nulls = nullSums.SelectMany(s => s).ToArray();

        double positive = Threshold(real, nulls, options.TargetFdr);
        double negative = -Threshold(Negated(real), Negated(nulls), options.TargetFdr);

        var seqlets = new List<Seqlet>();
        int dropped = 0;
        for (int t = 0; t < tracks.Count; t++)
            dropped += Pick(t, tracks[t].Length, sums[t], positive, negative, options, seqlets);
        return new SeqletSet(seqlets, positive, negative, dropped);
    }

    /// <summary>The sum of the actual contribution over every window of <paramref name="width"/> positions (none when the track is shorter).</summary>
    internal static double[] WindowSums(ContributionTrack track, int width)
    {
        int count = track.Length - width + 1;
        if (count <= 0) return [];
        var prefix = new double[track.Length + 1];
        for (int i = 0; i < track.Length; i++) prefix[i + 1] = prefix[i] + track.Actual(i);
        var sums = new double[count];
        for (int s = 0; s < count; s++) sums[s] = prefix[s + width] - prefix[s];
        return sums;
    }

    /// <summary>
    /// The lowest positive real window sum t at which the estimated FDR — (null sums ≥ t, plus 1)
    /// scaled by (real windows ÷ null windows), over real sums ≥ t — is at most
    /// <paramref name="targetFdr"/>; +∞ when none is.
    /// </summary>
    /// <remarks>
    /// The +1 keeps the estimate honest where the null has no exceedances yet: without it the
    /// very highest window of pure noise would always pass (0 null exceedances, FDR 0). With it a
    /// threshold needs at least 1 ÷ <paramref name="targetFdr"/> real windows (scaled) beyond it.
    /// Like Benjamini–Hochberg, the lowest qualifying threshold is taken.
    /// </remarks>
    internal static double Threshold(double[] real, double[] nulls, double targetFdr)
    {
        if (real.Length == 0 || nulls.Length == 0) return double.PositiveInfinity;
        var r = (double[])real.Clone();
        var n = (double[])nulls.Clone();
        Array.Sort(r);
        Array.Reverse(r);
        Array.Sort(n);
        Array.Reverse(n);
        double scale = (double)r.Length / n.Length;
        double best = double.PositiveInfinity;
        int nullAbove = 0;
        for (int i = 0; i < r.Length; i++)
        {
            double t = r[i];
            if (t <= 0) break;
            if (i + 1 < r.Length && r[i + 1] == t) continue; // count every tie at once
            while (nullAbove < n.Length && n[nullAbove] >= t) nullAbove++;
            double fdr = (nullAbove + 1) * scale / (i + 1);
            if (fdr <= targetFdr) best = t;
        }
        return best;
    }

    private static double[] Negated(double[] values)
    {
        var negated = new double[values.Length];
        for (int i = 0; i < values.Length; i++) negated[i] = -values[i];
        return negated;
    }

    /// <summary>
    /// Picks the seqlets of one track: passing windows, highest |sum| first, each kept unless it
    /// overlaps a window kept before (of either sign); a kept window whose flanks run off the
    /// sequence still blocks its neighbours but makes no seqlet. Returns how many were dropped so.
    /// </summary>
    private static int Pick(int trackIndex, int length, double[] sums, double positive, double negative, MotifDiscoveryOptions options, List<Seqlet> output)
    {
        int w = options.WindowSize, flank = options.Flank;
        var candidates = new List<int>();
        for (int s = 0; s < sums.Length; s++)
            if (sums[s] >= positive || sums[s] <= negative) candidates.Add(s);
        if (candidates.Count == 0) return 0;
        candidates.Sort((a, b) =>
        {
            int byMagnitude = Math.Abs(sums[b]).CompareTo(Math.Abs(sums[a]));
            return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
        });

        var taken = new bool[length];
        var picked = new List<Seqlet>();
        int dropped = 0;
        foreach (int s in candidates)
        {
            bool free = true;
            for (int i = s; i < s + w && free; i++) free = !taken[i];
            if (!free) continue;
            for (int i = s; i < s + w; i++) taken[i] = true;
            int start = s - flank, end = s + w + flank;
            if (start < 0 || end > length) { dropped++; continue; }
            picked.Add(new Seqlet(trackIndex, start, end - start, sums[s]));
        }
        output.AddRange(picked.OrderBy(p => p.Start));
        return dropped;
    }
}
