using System.Diagnostics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>How one evaluation of a trial ended: its metric per fold, best epochs, and the first fold's validation-loss curve.</summary>
internal sealed record TrialOutcome(SweepTrialStatus Status, IReadOnlyList<double> Values, IReadOnlyList<int> BestEpochs,
    IReadOnlyList<double> ValidationLosses, string? Error, TimeSpan Took);

/// <summary>Trains and scores one configuration on every fold, turning divergence, undefined metrics and the time limit into outcomes.</summary>
internal sealed class TrialEvaluator(ISweepTarget target, SweepMetric metric, IReadOnlyList<(IDataView Train, IDataView Validation)> folds,
    int? patience, int seed, CancellationToken userCancel)
{
    public TrialOutcome Evaluate(CnnTrialOptions options, int epochs, CancellationToken stop, CancellationToken deadline)
    {
        var watch = Stopwatch.StartNew();
        var values = new List<double>();
        var bestEpochs = new List<int>();
        var curve = new LearningCurve();
        var trialOptions = options.WithEpochs(epochs);
        try
        {
            foreach (var (train, validation) in folds)
            {
                var model = target.Train(train, validation, trialOptions, patience, seed, curve, stop);
                try { values.Add(target.Evaluate(model, validation)[metric.Name]); }
                finally { target.Release(model); }
                bestEpochs.Add(curve.BestEpoch);
                curve.NextFold();
                if (double.IsNaN(values[^1]))
                    return new(SweepTrialStatus.Undefined, values, bestEpochs, curve.FirstFoldLosses,
                        $"{metric.Name} is not defined (NaN) on {(folds.Count > 1 ? $"fold {values.Count}" : "the validation split")}", watch.Elapsed);
            }
            return new(SweepTrialStatus.Completed, values, bestEpochs, curve.FirstFoldLosses, null, watch.Elapsed);
        }
        catch (CnnTrainingDivergedException e)
        {
            e.LastGoodModel?.Dispose();
            return new(SweepTrialStatus.Diverged, [], [], curve.FirstFoldLosses, e.Message, watch.Elapsed);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !userCancel.IsCancellationRequested)
        {
            return new(SweepTrialStatus.TimedOut, [], [], curve.FirstFoldLosses, "stopped by the sweep's time limit", watch.Elapsed);
        }
    }

    /// <summary>Records the epoch whose weights the trainer keeps (lowest validation loss) and the first fold's validation losses.</summary>
    private sealed class LearningCurve : IProgress<EpochReport>
    {
        private readonly List<double> _firstFold = [];
        private bool _pastFirstFold;

        public int BestEpoch { get; private set; }

        public IReadOnlyList<double> FirstFoldLosses => _firstFold;

        public void NextFold() => (_pastFirstFold, BestEpoch) = (true, 0);

        public void Report(EpochReport value)
        {
            if (value.IsBest || BestEpoch == 0) BestEpoch = value.Epoch;
            if (!_pastFirstFold && value.ValidationLoss is double loss) _firstFold.Add(loss);
        }
    }
}
