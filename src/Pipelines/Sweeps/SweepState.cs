using System.Diagnostics;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// What a running sweep knows: its trials in the order started, the configurations already tried,
/// every completed evaluation in time order, and the clock and budget. Evaluations go through
/// <see cref="Run"/>, which records the outcome in the trial, the history and the progress report.
/// </summary>
internal sealed class SweepState
{
    private readonly HashSet<string> _tried = new(StringComparer.Ordinal);
    private readonly Func<CnnTrialOptions, bool> _fits;
    private readonly TrialEvaluator _evaluator;
    private readonly CnnSweepOptions _options;
    private readonly CancellationToken _stop, _deadline;
    private int _evaluations;

    public SweepState(CnnSweepOptions options, SweepMetric metric, TrialEvaluator evaluator, Func<CnnTrialOptions, bool> fits,
        Stopwatch clock, CancellationToken stop, CancellationToken deadline)
    {
        (_options, Metric, _evaluator, _fits, Clock, _stop, _deadline) = (options, metric, evaluator, fits, clock, stop, deadline);
    }

    public SweepMetric Metric { get; }

    public Stopwatch Clock { get; }

    public List<SweepTrial> Trials { get; } = [];

    public List<SweepEvent> History { get; } = [];

    /// <summary>Notes on how the sweep adapted (its first rung's budget, a rung at chance), for the output.</summary>
    public List<string> Notes { get; } = [];

    public bool TimeUp { get; private set; }

    /// <summary>Whether the budget is spent (or was, during the last evaluation).</summary>
    public bool OutOfTime => TimeUp || _deadline.IsCancellationRequested;

    /// <summary>Whether the trial cap allows another trial.</summary>
    public bool MayStart => _options.Trials is not { } cap || Trials.Count < cap;

    /// <summary>Not tried yet and its network fits the input (and, with a fixed batch, the rows).</summary>
    public bool Acceptable(CnnTrialOptions options) => !_tried.Contains(options.Key) && _fits(options);

    public SweepTrial Start(CnnTrialOptions options, SweepTrialSource source)
    {
        _tried.Add(options.Key);
        var trial = new SweepTrial(Trials.Count + 1, options, source);
        Trials.Add(trial);
        return trial;
    }

    /// <summary>Adds a trial with a given id (a fixed candidate's position in the full list) without evaluating it.</summary>
    public void Place(int id, CnnTrialOptions options, SweepTrialSource source)
    {
        _tried.Add(options.Key);
        Trials.Add(new SweepTrial(id, options, source));
    }

    /// <summary>Evaluates <paramref name="trial"/> at <paramref name="rung"/> of <paramref name="rungs"/> for <paramref name="epochs"/>; false when the time limit stopped it.</summary>
    public TrialOutcome Run(SweepTrial trial, int rung, int rungs, int epochs, bool fullBudget)
    {
        _options.CancellationToken.ThrowIfCancellationRequested();
        var outcome = _evaluator.Evaluate(trial.Options, epochs, _stop, _deadline);
        if (outcome.Status == SweepTrialStatus.Completed)
        {
            trial.Completed(rung, epochs, outcome.Values, outcome.BestEpochs, outcome.Took);
            History.Add(new SweepEvent(Clock.Elapsed, trial.Id, rung, epochs, trial.Mean, fullBudget));
        }
        else trial.Failed(rung, epochs, outcome.Status, outcome.Error!, outcome.Took);
        TimeUp |= outcome.Status == SweepTrialStatus.TimedOut;
        _options.Progress?.Report(new SweepTrialReport(trial, ++_evaluations, rung, rungs, Metric, Clock.Elapsed));
        return outcome;
    }
}
