namespace Cnn.MLNet.Pipelines;

/// <summary>
/// A sweep over a seeded, fixed list of candidates, each at the full epoch budget: the warm start's
/// presets, then distinct random draws from the space, <see cref="CnnSweepOptions.FixedCandidates"/>
/// in all. The same seed and count give the same list on every machine, so independent jobs can each
/// evaluate one slice (candidates i, i+n, i+2n, … for slice i of n) and a merge of their leaderboards
/// (<see cref="SweepLeaderboard.Merge"/>) ranks them as one search. Trial ids are positions in the
/// full list, so they agree across slices.
/// </summary>
internal static class FixedCandidateSearch
{
    public static IReadOnlyList<CnnTrialOptions> List(CnnSweepOptions options, CnnSearchSpace space, ISweepTarget target, Func<CnnTrialOptions, bool> fits)
    {
        int count = options.FixedCandidates!.Value;
        var candidates = options.WarmStart ? WarmStart.Candidates(target, fits).Take(count).ToList() : [];
        // Drawn networks never name a preset, so they cannot repeat one.
        if (candidates.Count < count)
            candidates.AddRange(TrialDraws.Draw(space, count - candidates.Count, options.Seed, c =>
            {
                if (!fits(c)) throw new ArgumentException("its network does not fit the input");
            }));
        return candidates;
    }

    public static SweepStopReason Run(SweepState state, CnnSweepOptions options, IReadOnlyList<CnnTrialOptions> candidates)
    {
        var (slice, slices) = options.Slice ?? (1, 1);
        var mine = Enumerable.Range(0, candidates.Count).Where(i => i % slices == slice - 1).ToList();
        foreach (int i in mine)
            state.Place(i + 1, candidates[i], candidates[i].Preset != null ? SweepTrialSource.Preset : SweepTrialSource.Fixed);
        foreach (var trial in state.Trials.ToList())
        {
            if (state.OutOfTime) return SweepStopReason.TimeLimit;
            state.Run(trial, 0, 1, options.MaxEpochs, fullBudget: true);
        }
        return state.OutOfTime ? SweepStopReason.TimeLimit : SweepStopReason.CandidatesDone;
    }
}
