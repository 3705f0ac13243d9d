namespace Cnn.MLNet.Interpretation;

/// <summary>A pattern while clustering: its alignment template (unit, centred, position-major), its width and its members.</summary>
internal sealed class PatternState(float[] template, int width, List<Placement> members)
{
    public float[] Template { get; set; } = template;
    public int Width { get; set; } = width;
    public List<Placement> Members { get; set; } = members;
}

/// <summary>
/// Clusters the seqlets of one sign into patterns: density seeds on the all-pairs similarity of a
/// subsample, then rounds of assigning every seqlet to its best pattern and rebuilding the
/// patterns, merging of similar patterns, and the dropping of small ones.
/// </summary>
/// <remarks>
/// <para>Similarity is the cosine of per-position-centred hypothetical contributions (see
/// <see cref="CenteredContributions"/>), maximised over both strands and over shifts of up to
/// the flank either way. Between two seqlets, each one's central window is slid over the other
/// and the larger of the two best values is taken, so the measure is symmetric.</para>
/// <para>Seeding: the seqlet with the most unclustered neighbours (similarity ≥ the minimum) seeds
/// a cluster of itself and those neighbours, until no seed has enough. A seed cluster becomes a
/// pattern by aligning its members to the seed's window and trimming their mean.</para>
/// <para>Refinement: every seqlet of the sign is aligned to every pattern and joins the most
/// similar one when the similarity reaches the minimum; two members of one pattern whose
/// alignments on one track overlap by more than half the width are one site, and only the more
/// similar is kept. Each pattern is then rebuilt from its members over its core widened by the
/// flank and trimmed again, so it can shift and grow to the motif's real extent.</para>
/// </remarks>
internal static class SeqletClustering
{
    public static List<PatternState> Cluster(IReadOnlyList<ContributionTrack> tracks, CenteredContributions centered, IReadOnlyList<Seqlet> seqlets, MotifDiscoveryOptions options)
    {
        if (seqlets.Count == 0) return [];
        var ranked = seqlets
            .OrderByDescending(s => Math.Abs(s.Contribution)).ThenBy(s => s.TrackIndex).ThenBy(s => s.Start)
            .ToList();
        var sample = Subsample(ranked, options.MaxSeqletsForClustering);
        int minSeed = Math.Max(3, (int)Math.Ceiling(options.MinSeqletsPerPattern * (double)sample.Count / ranked.Count));

        var patterns = Seed(tracks, centered, sample, minSeed, options);
        for (int round = 0; round < options.RefinementRounds; round++)
        {
            Assign(centered, ranked, patterns, options);
            Rebuild(tracks, patterns, options);
        }
        Merge(tracks, centered, patterns, options);
        patterns.RemoveAll(p => p.Members.Count < options.MinSeqletsPerPattern);
        // A last assignment against the surviving patterns' final templates; the caller builds the
        // reported matrices from exactly these placements.
        Assign(centered, ranked, patterns, options);
        patterns.RemoveAll(p => p.Members.Count < options.MinSeqletsPerPattern);
        return patterns;
    }

    /// <summary>All seqlets when there are at most <paramref name="max"/>, else <paramref name="max"/> evenly spaced by rank.</summary>
    internal static List<Seqlet> Subsample(List<Seqlet> ranked, int max)
    {
        if (ranked.Count <= max) return ranked;
        var sample = new List<Seqlet>(max);
        for (int k = 0; k < max; k++) sample.Add(ranked[(int)((long)k * ranked.Count / max)]);
        return sample;
    }

    /// <summary>The starts tried when aligning a template of <paramref name="width"/> to a seqlet: its centre within ± flank of the seqlet window's centre.</summary>
    private static (int First, int Last) Starts(Seqlet seqlet, int width, MotifDiscoveryOptions options)
    {
        int centred = seqlet.Start + options.Flank + (options.WindowSize - width) / 2;
        return (centred - options.Flank, centred + options.Flank);
    }

    private static (double Similarity, int Start, char Strand) Align(CenteredContributions centered, ReadOnlySpan<float> template, int width, Seqlet seqlet, MotifDiscoveryOptions options)
    {
        var (first, last) = Starts(seqlet, width, options);
        return centered.BestAlignment(template, width, seqlet.TrackIndex, first, last);
    }

    private static List<PatternState> Seed(IReadOnlyList<ContributionTrack> tracks, CenteredContributions centered, List<Seqlet> sample, int minSeed, MotifDiscoveryOptions options)
    {
        int n = sample.Count, w = options.WindowSize;
        var windows = sample.Select(s => centered.UnitWindow(s.TrackIndex, s.Start + options.Flank, w, '+')).ToArray();
        var similarity = new float[n * n];
        Parallel.For(0, n, i =>
        {
            for (int j = i + 1; j < n; j++)
            {
                double ij = Align(centered, windows[i], w, sample[j], options).Similarity;
                double ji = Align(centered, windows[j], w, sample[i], options).Similarity;
                float s = (float)Math.Max(ij, ji);
                similarity[i * n + j] = s;
                similarity[j * n + i] = s;
            }
        });

        var clustered = new bool[n];
        var patterns = new List<PatternState>();
        while (true)
        {
            int seed = -1, most = -1;
            for (int i = 0; i < n; i++)
            {
                if (clustered[i]) continue;
                int count = 0;
                for (int j = 0; j < n; j++)
                    if (j != i && !clustered[j] && similarity[i * n + j] >= options.MinSimilarity) count++;
                if (count > most) { most = count; seed = i; }
            }
            if (seed < 0 || most + 1 < minSeed) break;

            var members = new List<Placement>();
            for (int j = 0; j < n; j++)
            {
                if (clustered[j] || (j != seed && similarity[seed * n + j] < options.MinSimilarity)) continue;
                clustered[j] = true;
                var (sim, start, strand) = Align(centered, windows[seed], w, sample[j], options);
                if (double.IsFinite(sim)) members.Add(new Placement(sample[j], start, strand, sim));
            }
            var pattern = new PatternState(windows[seed], w, Deduplicate(members, w));
            if (Rebuild(tracks, pattern, options)) patterns.Add(pattern);
        }
        return patterns;
    }

    /// <summary>Gives every pattern the seqlets that align to it better than to any other, when at least the minimum similarity.</summary>
    private static void Assign(CenteredContributions centered, List<Seqlet> seqlets, List<PatternState> patterns, MotifDiscoveryOptions options)
    {
        var best = new (int Pattern, Placement Placement)[seqlets.Count];
        Parallel.For(0, seqlets.Count, i =>
        {
            best[i] = (-1, default);
            double top = options.MinSimilarity;
            for (int k = 0; k < patterns.Count; k++)
            {
                var (sim, start, strand) = Align(centered, patterns[k].Template, patterns[k].Width, seqlets[i], options);
                if (sim >= top && (best[i].Pattern < 0 || sim > top))
                {
                    top = sim;
                    best[i] = (k, new Placement(seqlets[i], start, strand, sim));
                }
            }
        });
        var members = patterns.Select(_ => new List<Placement>()).ToList();
        foreach (var (k, placement) in best)
            if (k >= 0) members[k].Add(placement);
        for (int k = 0; k < patterns.Count; k++) patterns[k].Members = Deduplicate(members[k], patterns[k].Width);
    }

    /// <summary>Keeps, of members whose windows on one track overlap by more than half the width, the most similar.</summary>
    private static List<Placement> Deduplicate(List<Placement> members, int width)
    {
        var kept = new List<Placement>();
        var byTrack = new Dictionary<int, List<int>>();
        foreach (var m in members.OrderByDescending(m => m.Similarity).ThenBy(m => m.Seqlet.TrackIndex).ThenBy(m => m.Start))
        {
            if (!byTrack.TryGetValue(m.Seqlet.TrackIndex, out var starts)) byTrack[m.Seqlet.TrackIndex] = starts = [];
            if (starts.Any(s => 2 * (width - Math.Abs(s - m.Start)) > width)) continue;
            starts.Add(m.Start);
            kept.Add(m);
        }
        return kept.OrderBy(m => m.Seqlet.TrackIndex).ThenBy(m => m.Start).ToList();
    }

    private static void Rebuild(IReadOnlyList<ContributionTrack> tracks, List<PatternState> patterns, MotifDiscoveryOptions options) =>
        patterns.RemoveAll(p => !Rebuild(tracks, p, options));

    /// <summary>Rebuilds a pattern's template and width from its members over its core widened by the flank, trimmed; false when nothing is left.</summary>
    private static bool Rebuild(IReadOnlyList<ContributionTrack> tracks, PatternState pattern, MotifDiscoveryOptions options)
    {
        if (pattern.Members.Count == 0) return false;
        var aggregate = new PatternAggregate(tracks, pattern.Members, pattern.Width, options.Flank);
        if (aggregate.Trim(options.TrimThreshold) is not (int first, int last)) return false;
        pattern.Members = pattern.Members.Select(m => PatternAggregate.Retrim(m, pattern.Width, options.Flank, first, last)).ToList();
        pattern.Template = aggregate.Template(first, last);
        pattern.Width = last - first + 1;
        return true;
    }

    /// <summary>
    /// Merges the most similar pair of patterns while their similarity reaches
    /// <see cref="MotifDiscoveryOptions.MergeSimilarity"/>: the smaller one's members are aligned to
    /// the larger one's template and the larger is rebuilt.
    /// </summary>
    private static void Merge(IReadOnlyList<ContributionTrack> tracks, CenteredContributions centered, List<PatternState> patterns, MotifDiscoveryOptions options)
    {
        while (patterns.Count > 1)
        {
            int a = -1, b = -1;
            double top = options.MergeSimilarity;
            for (int i = 0; i < patterns.Count; i++)
                for (int j = i + 1; j < patterns.Count; j++)
                {
                    double s = TemplateSimilarity(patterns[i], patterns[j]);
                    if (s >= top && (a < 0 || s > top)) { top = s; a = i; b = j; }
                }
            if (a < 0) return;
            var (large, small) = patterns[a].Members.Count >= patterns[b].Members.Count ? (patterns[a], patterns[b]) : (patterns[b], patterns[a]);
            var members = new List<Placement>(large.Members);
            foreach (var m in small.Members)
            {
                var (sim, start, strand) = Align(centered, large.Template, large.Width, m.Seqlet, options);
                if (double.IsFinite(sim)) members.Add(new Placement(m.Seqlet, start, strand, sim));
            }
            large.Members = Deduplicate(members, large.Width);
            patterns.Remove(small);
            if (!Rebuild(tracks, large, options)) patterns.Remove(large);
        }
    }

    /// <summary>
    /// The similarity of two templates: the largest dot product over every relative offset and
    /// both strands, positions outside the overlap counting as zero (both templates are unit
    /// vectors, so this is a cosine that penalises what only one pattern has).
    /// </summary>
    internal static double TemplateSimilarity(PatternState x, PatternState y)
    {
        var yReverse = new float[y.Template.Length];
        for (int j = 0; j < y.Width; j++)
            for (int b = 0; b < 4; b++) yReverse[4 * (y.Width - 1 - j) + (3 - b)] = y.Template[4 * j + b];
        double best = double.NegativeInfinity;
        foreach (var other in new[] { y.Template, yReverse })
        {
            // x position i is aligned with y position i + offset.
            for (int offset = -(x.Width - 1); offset <= y.Width - 1; offset++)
            {
                int first = Math.Max(0, -offset), end = Math.Min(x.Width, y.Width - offset);
                double dot = 0;
                for (int k = 4 * first; k < 4 * end; k++) dot += x.Template[k] * other[k + 4 * offset];
                best = Math.Max(best, dot);
            }
        }
        return best;
    }
}
