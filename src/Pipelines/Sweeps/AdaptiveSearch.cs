using System.Globalization;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The default sweep: the warm start (default and presets at the full epoch budget), then until the
/// budget is spent, asynchronous successive halving (ASHA, Li et al. 2020) over configurations from the
/// proposer. After each evaluation a trial in the best ⌊n/η⌋ of a rung that has not yet gone on is
/// promoted to the next rung; otherwise a new configuration starts at the first rung. When no new
/// configuration may start (trial cap, or the space is used up) the best of each rung still goes on, so
/// at least one reaches the full budget.
/// </summary>
internal sealed class AdaptiveSearch(SweepState state, CnnSweepOptions options, ISweepTarget target, TrialProposer proposer,
    SweepChance chance, long trainRows)
{
    private HalvingSchedule? _schedule;
    private int _firstRung;
    private int _sinceFirstRungChange;
    // Trials whose only result was at a first rung found to be at chance: judged again at the new first rung.
    private readonly Queue<SweepTrial> _rejudge = new();

    public HalvingSchedule Schedule => _schedule ?? throw new InvalidOperationException("The schedule is set after the warm start.");

    public SweepStopReason Run()
    {
        var reason = Search();
        _schedule ??= Build([]);
        return reason;
    }

    private SweepStopReason Search()
    {
        if (options.WarmStart)
            foreach (var candidate in WarmStart.Candidates(target, state.Acceptable))
            {
                if (state.OutOfTime) return SweepStopReason.TimeLimit;
                if (!state.MayStart) break;
                var trial = state.Start(candidate, SweepTrialSource.Preset);
                // The first (the default network) runs before the schedule exists: its learning curve sets the first rung.
                int rungs = _schedule?.Epochs.Count ?? 0;
                var outcome = state.Run(trial, Math.Max(0, rungs - 1), Math.Max(1, rungs), options.MaxEpochs, fullBudget: true);
                if (_schedule == null)
                {
                    _schedule = Build(outcome.ValidationLosses);
                    if (_schedule.Top > 0 && trial.HasResults)
                    {
                        trial.MoveToRung(_schedule.Top);
                        state.History[^1] = state.History[^1] with { Rung = _schedule.Top };
                    }
                }
            }
        _schedule ??= Build([]);
        bool exhausted = false;
        while (!state.OutOfTime)
        {
            bool noNewTrials = exhausted || !state.MayStart;
            if (_rejudge.Count > 0)
            {
                Evaluate(_rejudge.Dequeue(), _firstRung);
                continue;
            }
            if (NextPromotion(force: noNewTrials) is { } promotion)
            {
                Evaluate(promotion.Trial, promotion.Rung);
                continue;
            }
            if (!state.MayStart) return SweepStopReason.TrialCap;
            if (exhausted) return SweepStopReason.Converged;
            if (proposer.Next(Observations(), state.Acceptable) is not { } next)
            {
                exhausted = true;
                continue;
            }
            var trial = state.Start(next.Options, next.Source);
            Evaluate(trial, _firstRung);
            if (_firstRung < _schedule.Top) WatchForChance();
        }
        return SweepStopReason.TimeLimit;
    }

    private void Evaluate(SweepTrial trial, int rung) =>
        state.Run(trial, rung, _schedule!.Epochs.Count, _schedule.Epochs[rung], fullBudget: rung == _schedule.Top);

    private HalvingSchedule Build(IReadOnlyList<double> defaultLosses)
    {
        int first = options.MinEpochs ?? FirstRungBudget.Choose(trainRows, target.BaseTraining.BatchSize, defaultLosses, options.MaxEpochs, options.ReductionFactor);
        var schedule = new HalvingSchedule(first, options.MaxEpochs, options.ReductionFactor, options.SuccessiveHalving);
        state.Notes.Add($"rungs of {string.Join(", ", schedule.Epochs.Select(e => e.ToString(CultureInfo.InvariantCulture)))} epochs"
            + (options.MinEpochs != null || !options.SuccessiveHalving ? "" : defaultLosses.Count > 0
                ? $" (first rung from the data size and the default network's learning curve: half its validation-loss drop by epoch {FirstRungBudget.HalfDropEpoch(defaultLosses)})"
                : " (first rung from the data size)"));
        return schedule;
    }

    /// <summary>The deepest due promotion: a trial in the best ⌊n/η⌋ of its rung (with <paramref name="force"/>, at least the best) not yet evaluated above it.</summary>
    private (SweepTrial Trial, int Rung)? NextPromotion(bool force)
    {
        for (int rung = Schedule.Top - 1; rung >= 0; rung--)
        {
            var finished = state.Trials
                .Where(t => t.Status is not (SweepTrialStatus.Diverged or SweepTrialStatus.Undefined) && t.TryGetMeanAt(rung, out _))
                .Select(t => (Trial: t, Mean: MeanAt(t, rung)))
                .OrderBy(x => x, Comparer<(SweepTrial Trial, double Mean)>.Create((a, b) =>
                    state.Metric.Better(a.Mean, b.Mean) ? -1 : state.Metric.Better(b.Mean, a.Mean) ? 1 : a.Trial.Id.CompareTo(b.Trial.Id)))
                .ToList();
            int quota = force ? (finished.Count == 0 ? 0 : Schedule.Survivors(finished.Count)) : Schedule.Promotable(finished.Count);
            foreach (var (trial, _) in finished.Take(quota))
                if (!trial.Reached(rung + 1)) return (trial, rung + 1);
        }
        return null;
    }

    private static double MeanAt(SweepTrial trial, int rung) => trial.TryGetMeanAt(rung, out double mean) ? mean : double.NaN;

    /// <summary>
    /// The results the proposer learns from: searched configurations at the deepest rung where at least
    /// <see cref="TpeProposer.StartupTrials"/> have a result (else the rung with the most), diverged or undefined ones as the worst.
    /// </summary>
    private IReadOnlyList<SweepObservation> Observations()
    {
        var searched = state.Trials.Where(t => t.Source is SweepTrialSource.Random or SweepTrialSource.Model).ToList();
        int Count(int rung) => searched.Count(t => t.TryGetMeanAt(rung, out _) || Failed(t, rung));
        var rungs = Enumerable.Range(0, Schedule.Epochs.Count).ToList();
        int chosen = rungs.Where(r => Count(r) >= TpeProposer.StartupTrials).DefaultIfEmpty(-1).Max();
        if (chosen < 0) chosen = rungs.OrderByDescending(Count).ThenBy(r => r).First();
        var observations = new List<SweepObservation>();
        foreach (var t in searched)
        {
            if (t.TryGetMeanAt(chosen, out double mean) && !Failed(t, chosen)) observations.Add(new(t.Options, state.Metric.HigherIsBetter ? mean : -mean));
            else if (Failed(t, chosen)) observations.Add(new(t.Options, WorstScore));
        }
        return observations;
    }

    // Diverged and undefined configurations are kept as the worst results, so the model learns to avoid them.
    private const double WorstScore = -1e9;

    private static bool Failed(SweepTrial trial, int rung) =>
        trial.LastRung == rung && trial.Status is SweepTrialStatus.Diverged or SweepTrialStatus.Undefined;

    /// <summary>
    /// When the first η+1 new trials at the first rung all score at chance, that rung cannot rank them:
    /// they are judged again one rung higher, new trials start there too, and the output says so.
    /// </summary>
    private void WatchForChance()
    {
        var started = state.Trials.Where(t => t.Source != SweepTrialSource.Preset && t.TryGetMeanAt(_firstRung, out _)).ToList();
        var recent = started.Skip(_sinceFirstRungChange).ToList();
        if (recent.Count < options.ReductionFactor + 1) return;
        if (!recent.All(t => chance.AtChance(MeanAt(t, _firstRung))))
        {
            _sinceFirstRungChange = int.MaxValue; // it separates trials: keep it
            return;
        }
        _firstRung++;
        foreach (var t in recent.Where(t => !t.Reached(_firstRung))) _rejudge.Enqueue(t);
        _sinceFirstRungChange = state.Trials.Count(t => t.Source != SweepTrialSource.Preset && t.TryGetMeanAt(_firstRung, out _));
        state.Notes.Add($"the first {recent.Count} trials at {Schedule.Epochs[_firstRung - 1]} epochs all scored at chance "
            + $"({state.Metric.Name} within {SweepChance.Margin} of {chance.Level!.Value.ToString("G3", CultureInfo.InvariantCulture)}): "
            + $"new trials start at {Schedule.Epochs[_firstRung]} epochs");
    }
}
