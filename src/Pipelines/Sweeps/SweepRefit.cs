using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Trains the winner on all the rows given to the sweep, after the search and outside its budget. There
/// is no validation data left to stop on, so each trains for the mean of its folds' best epochs. With
/// <see cref="CnnSweepOptions.EnsembleSize"/> k above 1, the best k trials that reached the full epoch
/// budget are refitted and averaged as one <see cref="CnnEnsemble"/> (fewer when fewer reached it; one is
/// then the winner alone).
/// </summary>
internal static class SweepRefit
{
    public static (CnnTrialOptions Options, ITransformer Model) Run(MLContext ml, ISweepTarget target, CnnSweepOptions options,
        SweepLeaderboard leaderboard, IDataView data, int fullBudgetRung)
    {
        var best = leaderboard.Best!;
        // Ranking is rung-first, so when any trial reached the full budget the winner is the first of them.
        var chosen = options.EnsembleSize <= 1 ? [best]
            : leaderboard.Trials.Where(t => t.IsRanked && t.Rung == fullBudgetRung).Take(options.EnsembleSize).DefaultIfEmpty(best).ToList();
        var members = new List<ITransformer>();
        try
        {
            foreach (var trial in chosen)
                members.Add(target.Train(data, null, RefitOptions(trial), patience: null, options.Seed, options.RefitProgress, options.CancellationToken));
            return (RefitOptions(best), members.Count == 1 ? members[0] : CnnEnsemble.Create(members, data.Schema));
        }
        catch
        {
            foreach (var member in members) target.Release(member);
            throw;
        }
    }

    public static CnnTrialOptions RefitOptions(SweepTrial trial)
    {
        int epochs = Math.Clamp((int)Math.Round(trial.BestEpochs.Average(), MidpointRounding.AwayFromZero), 1, trial.Options.Epochs);
        return trial.Options.WithEpochs(epochs);
    }
}
