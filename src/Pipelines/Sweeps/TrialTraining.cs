using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

/// <summary>The training options of one sweep trial, from the base settings' (shared by both sweep targets).</summary>
internal static class TrialTraining
{
    /// <summary>
    /// A copy of <paramref name="baseTraining"/> (so its optimiser, schedule, threads… apply to every trial) with
    /// the trial's network, epochs, batch size and learning rate, and the sweep's seed, patience (default 3 in a
    /// sweep, not the settings' 5) and per-trial progress.
    /// </summary>
    public static CnnTrainingOptions For(CnnTrainingOptions baseTraining, CnnTrialOptions trial, int? patience, int seed, IProgress<EpochReport>? progress)
    {
        var training = trial.ApplyTo(baseTraining.Clone());
        training.Seed = seed;
        training.EarlyStoppingPatience = patience;
        training.Progress = progress;
        return training;
    }
}
