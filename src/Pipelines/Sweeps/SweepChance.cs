using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// What the ranking metric scores when a model has learned nothing (predicts the majority class, or
/// ranks at random), read from the validation labels, so the sweep can tell a first rung where every
/// trial is still at chance: AUC 0.5; accuracy and micro-accuracy the majority class's share; AUPRC the
/// positive share; macro-accuracy 1/K; R² 0. Other metrics have no fixed chance level here.
/// </summary>
internal sealed class SweepChance
{
    /// <summary>How far above chance (on a 0–1 metric) a result must be to count as having learned something.</summary>
    public const double Margin = 0.02;

    private readonly SweepMetric _metric;

    private SweepChance(SweepMetric metric, double? level) => (_metric, Level) = (metric, level);

    /// <summary>The metric's value at chance, or null when unknown.</summary>
    public double? Level { get; }

    /// <summary>Whether <paramref name="value"/> is within <see cref="Margin"/> of chance (never, when the level is unknown).</summary>
    public bool AtChance(double value) => Level is { } level && !double.IsNaN(value)
        && (_metric.HigherIsBetter ? value <= level + Margin : value >= level - Margin);

    public static SweepChance Of(SweepMetric metric, CnnTaskKind task, IDataView validation)
    {
        double? level = metric.Name switch
        {
            "auc" => 0.5,
            "rSquared" => 0,
            "accuracy" or "microAccuracy" or "auprc" or "macroAccuracy" => FromLabels(metric.Name, task, validation),
            _ => null,
        };
        return new SweepChance(metric, level);
    }

    private static double? FromLabels(string metric, CnnTaskKind task, IDataView data)
    {
        if (SweepLabels.Count(data) is not { Count: > 0 } counts) return null;
        long total = counts.Values.Sum();
        return metric switch
        {
            "auprc" => task == CnnTaskKind.BinaryClassification ? counts.GetValueOrDefault("true") / (double)total : null,
            "macroAccuracy" => 1.0 / counts.Count,
            _ => counts.Values.Max() / (double)total,
        };
    }
}
