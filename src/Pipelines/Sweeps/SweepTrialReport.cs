using System.Globalization;

namespace Cnn.MLNet.Pipelines;

/// <summary>A sweep's progress after one evaluation of one trial.</summary>
/// <param name="Trial">The trial, as it stands after this evaluation.</param>
/// <param name="Evaluation">1-based count of evaluations so far in the sweep.</param>
/// <param name="Rung">0-based halving rung of this evaluation.</param>
/// <param name="Rungs">Rungs of the schedule (the last is the full epoch budget).</param>
/// <param name="Metric">The ranking metric.</param>
/// <param name="Elapsed">Time since the sweep started.</param>
public sealed record SweepTrialReport(SweepTrial Trial, int Evaluation, int Rung, int Rungs, SweepMetric Metric, TimeSpan Elapsed)
{
    /// <summary>
    /// One line for logs, e.g. <c>trial 4 (model) rung 1/3, 3 epochs: auc 0.8123, 3.1 s [network=searched filters=32 …] (sweep 41 s)</c>,
    /// or <c>trial 1 (preset) full budget, 20 epochs: …</c> for the warm start.
    /// </summary>
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
        // Presets always train at the full budget (the first one runs before the rungs are known).
        string rung = t.Source == SweepTrialSource.Preset ? "full budget" : $"rung {Rung + 1}/{Rungs}";
        return $"trial {t.Id} ({SourceWord(t.Source)}) {rung}, {t.LastEpochs} epochs: {outcome}, "
            + $"{t.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s [{t.Options}] "
            + $"(sweep {Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s)";
    }

    internal static string SourceWord(SweepTrialSource source) => source switch
    {
        SweepTrialSource.Preset => "preset",
        SweepTrialSource.Model => "model",
        SweepTrialSource.Fixed => "fixed",
        _ => "random",
    };

    private static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
