using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Sweeps;

/// <summary>
/// Trains the winner on all the rows given to the sweep, after the search and outside its budget. There
/// is no validation data left to stop on, so it trains for the mean of the winner's folds' best epochs.
/// </summary>
internal static class SweepRefit
{
    public static (CnnTrialOptions Options, ITransformer Model) Run(MLContext ml, ISweepTarget target, CnnSweepOptions options, SweepLeaderboard leaderboard, IDataView data)
    {
        var best = leaderboard.Best!;
        var refitOptions = RefitOptions(best);
        var model = target.Train(data, null, refitOptions, patience: null, options.Seed, options.RefitProgress, options.CancellationToken);
        return (refitOptions, model);
    }

    public static CnnTrialOptions RefitOptions(SweepTrial trial)
    {
        int epochs = Math.Clamp((int)Math.Round(trial.BestEpochs.Average(), MidpointRounding.AwayFromZero), 1, trial.Options.Epochs);
        return trial.Options.WithEpochs(epochs);
    }
}
