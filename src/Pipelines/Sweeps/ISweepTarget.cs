using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>What a sweep trains and evaluates: the ready-made sequence or image pipeline.</summary>
internal interface ISweepTarget
{
    CnnTaskKind Task { get; }

    /// <summary>The default search space for this kind of input.</summary>
    CnnSearchSpace DefaultSpace { get; }

    /// <summary>
    /// The published networks for this kind of input, by <see cref="Trainers.NetworkPresets"/> name, the default
    /// (what training without a network gives) first: the sweep's warm start.
    /// </summary>
    IReadOnlyList<string> Presets { get; }

    /// <summary>Whether reverse-complement handling applies (DNA or RNA, not already on in the base settings).</summary>
    bool HasStrands { get; }

    /// <summary>The base settings' learning rate and batch size, which the warm start's presets train with.</summary>
    (double LearningRate, int BatchSize) BaseTraining { get; }

    /// <summary>Throws <see cref="ArgumentException"/> when the trial's network cannot take the input.</summary>
    void CheckFits(CnnTrialOptions trial);

    /// <summary>Trains the pipeline with the trial's options; <paramref name="validation"/> drives early stopping.</summary>
    ITransformer Train(IDataView train, IDataView? validation, CnnTrialOptions trial, int? patience, int seed,
        IProgress<EpochReport>? progress, CancellationToken cancel);

    SequenceMetrics Evaluate(ITransformer model, IDataView data);

    /// <summary>Frees a trained pipeline's native weights once its trial is scored.</summary>
    void Release(ITransformer model);
}
