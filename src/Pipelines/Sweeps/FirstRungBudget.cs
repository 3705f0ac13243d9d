namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The epochs of the first halving rung, chosen from the data and the learning curve the warm start
/// observed, so that the first rung already separates trials instead of ranking them at chance.
/// </summary>
/// <remarks>
/// Two lower bounds, the larger wins:
/// <list type="bullet">
/// <item><b>Data size:</b> enough epochs for <see cref="MinimumSteps"/> optimiser steps at the default batch size;
/// a network that has taken fewer has rarely left chance.</item>
/// <item><b>Learning curve:</b> the first epoch at which the default network's validation loss had covered half of
/// its drop from the first epoch to its best. Before that epoch even the default was still mostly at its start.</item>
/// </list>
/// The result stays at most <c>max/η</c>, so there is at least one cheaper rung below the full budget.
/// </remarks>
internal static class FirstRungBudget
{
    /// <summary>Optimiser steps the first rung gives every trial at least.</summary>
    public const int MinimumSteps = 200;

    public static int Choose(long trainRows, int batchSize, IReadOnlyList<double> defaultValidationLosses, int maxEpochs, int reduction)
    {
        long stepsPerEpoch = Math.Max(1, (trainRows + batchSize - 1) / batchSize);
        int byData = (int)Math.Min(int.MaxValue, (MinimumSteps + stepsPerEpoch - 1) / stepsPerEpoch);
        int byCurve = HalfDropEpoch(defaultValidationLosses);
        return Math.Clamp(Math.Max(byData, byCurve), 1, Math.Max(1, maxEpochs / reduction));
    }

    /// <summary>1-based epoch at which the losses first covered half of their drop from the first to the lowest; 1 when there was none.</summary>
    public static int HalfDropEpoch(IReadOnlyList<double> losses)
    {
        var finite = losses.Where(double.IsFinite).ToList();
        if (finite.Count < 2) return 1;
        double first = losses[0], best = finite.Min();
        if (!double.IsFinite(first) || !(first > best)) return 1;
        double target = first - (first - best) / 2;
        for (int e = 0; e < losses.Count; e++)
            if (losses[e] <= target) return e + 1;
        return 1;
    }
}
