using System.Globalization;

namespace Cnn.MLNet.Pipelines.Sweeps;

/// <summary>A sweep's progress after one evaluation of one trial.</summary>
/// <param name="Trial">The trial, as it stands after this evaluation.</param>
/// <param name="Evaluation">1-based count of evaluations so far in the sweep.</param>
/// <param name="Rung">0-based halving rung.</param>
/// <param name="Rungs">Rungs planned.</param>
/// <param name="Position">1-based position of the trial within this rung.</param>
/// <param name="InRung">Trials evaluated at this rung.</param>
/// <param name="Metric">The ranking metric.</param>
/// <param name="Elapsed">Time since the sweep started.</param>
public sealed record SweepTrialReport(SweepTrial Trial, int Evaluation, int Rung, int Rungs, int Position, int InRung, SweepMetric Metric, TimeSpan Elapsed)
{
    /// <summary>One line for logs, e.g. <c>rung 1/3 trial 4 (2/12, 2 epochs): auc 0.8123 ± 0.0100, 3.1 s [filters=32 …]</c>.</summary>
    public override string ToString()
    {
        var t = Trial;
        string outcome = t.Status switch
        {
            SweepTrialStatus.Completed => $"{Metric.Name} {Format(t.Mean)}" + (double.IsNaN(t.StandardDeviation) ? "" : $" ± {Format(t.StandardDeviation)}"),
            SweepTrialStatus.TimedOut => "stopped by the time limit",
            SweepTrialStatus.Diverged => "diverged: " + t.Error,
            _ => t.Error ?? t.Status.ToString(),
        };
        return $"rung {Rung + 1}/{Rungs} trial {t.Id} ({Position}/{InRung}, {t.LastEpochs} epochs): {outcome}, "
            + $"{t.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s [{t.Options}] "
            + $"(sweep {Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s)";
    }

    private static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
