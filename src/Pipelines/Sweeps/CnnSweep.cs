using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Hyperparameter search for the ready-made pipelines without AutoML: random search over a
/// <see cref="CnnSearchSpace"/> with successive halving (many configurations for a few epochs, the
/// best for more), each evaluated on a validation split or by k-fold cross-validation made by
/// ML.NET (<c>TrainTestSplit</c> / <c>CrossValidationSplit</c>) and scored by ML.NET's evaluator
/// for the task. Budgets in trials and wall time; one seed makes the sweep repeatable. The
/// winner is refitted on all the data. See docs/SWEEPS.md.
/// </summary>
/// <remarks>
/// The base settings give the task, alphabet, length, augmentation and strand options (sequences)
/// or the image size and augmentation (images); each trial replaces the network, epochs, batch
/// size, learning rate, early stopping and seed. Within a trial the validation fold drives early
/// stopping as well as the score, as in Keras Tuner or Optuna with validation data: keep a test
/// set outside the sweep for an unbiased final figure (<c>cnn-mlnet sweep</c> does).
/// </remarks>
public static class CnnSweep
{
    /// <summary>Sweeps the sequence pipeline (<see cref="SequenceModels"/>) on labelled sequences (<c>Sequence</c>, <c>Label</c>).</summary>
    /// <exception cref="ArgumentException">An option or the search space is invalid, or no network in the space fits the sequences.</exception>
    /// <exception cref="InvalidOperationException">No trial completed (all diverged or the time limit ran out in the first).</exception>
    /// <exception cref="OperationCanceledException"><see cref="CnnSweepOptions.CancellationToken"/> or the MLContext cancelled it.</exception>
    public static CnnSweepResult Sequences(MLContext ml, IDataView data, SequenceTrainingSettings settings, CnnSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SweepRunner(ml, new SequenceSweepTarget(ml, data, settings), options).Run(data);
    }

    /// <summary>Sweeps the image pipeline (<see cref="ImageModels"/>, multiclass) on labelled images (<c>ImagePath</c>, <c>Label</c>).</summary>
    /// <exception cref="ArgumentException">An option or the search space is invalid, or no network in the space fits the images.</exception>
    /// <exception cref="InvalidOperationException">No trial completed.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public static CnnSweepResult Images(MLContext ml, IDataView data, ImageTrainingSettings settings, CnnSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        settings.Validate();
        return new SweepRunner(ml, new ImageSweepTarget(ml, settings), options).Run(data);
    }

    /// <summary>
    /// Refits the winner of <paramref name="leaderboard"/> (e.g. merged from a fixed-candidate sweep's slices with
    /// <see cref="SweepLeaderboard.Merge"/>) on labelled sequences, for the mean of its folds' best epochs, as the sweep itself would.
    /// </summary>
    /// <exception cref="ArgumentException">No trial of the leaderboard completed.</exception>
    public static ITransformer RefitSequences(MLContext ml, IDataView data, SequenceTrainingSettings settings, SweepLeaderboard leaderboard, int seed)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(leaderboard);
        return Refit(new SequenceSweepTarget(ml, data, settings), leaderboard, data, seed);
    }

    /// <summary>Refits the winner of <paramref name="leaderboard"/> on labelled images (see <see cref="RefitSequences"/>).</summary>
    /// <exception cref="ArgumentException">No trial of the leaderboard completed.</exception>
    public static ITransformer RefitImages(MLContext ml, IDataView data, ImageTrainingSettings settings, SweepLeaderboard leaderboard, int seed)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(leaderboard);
        settings.Validate();
        return Refit(new ImageSweepTarget(ml, settings), leaderboard, data, seed);
    }

    private static ITransformer Refit(ISweepTarget target, SweepLeaderboard leaderboard, IDataView data, int seed)
    {
        var best = leaderboard.Best ?? throw new ArgumentException("No trial of the leaderboard completed, so there is no winner to refit.");
        target.CheckFits(best.Options);
        return target.Train(data, null, SweepRefit.RefitOptions(best), patience: null, seed, progress: null, CancellationToken.None);
    }
}
