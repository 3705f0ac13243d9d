using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Settings of the ready-made sequence pipeline (<see cref="SequenceModels.Train"/>): one-hot
/// encoding, a CNN for the task, and for multiclass the key mappings of the label.
/// </summary>
public sealed class SequenceTrainingSettings
{
    /// <summary>Binary (default), multiclass or regression. Multi-task models are built with the trainer directly.</summary>
    public CnnTaskKind Task { get; set; } = CnnTaskKind.BinaryClassification;

    /// <summary>The alphabet of the sequences. Default DNA.</summary>
    public SequenceAlphabet Alphabet { get; set; } = SequenceAlphabet.Dna;

    /// <summary>Fixed sequence length; null learns it from the training data (the longest sequence). Default null.</summary>
    public int? Length { get; set; }

    /// <summary>
    /// The k-mer order of the one-hot encoding (<see cref="OneHotSequenceEstimator.Options.Order"/>): 1 is one
    /// channel per base; k is one channel per k-mer over Length − k + 1 positions (<see cref="Length"/>
    /// counts bases). Filter motifs and in-silico mutagenesis need order 1. Default 1.
    /// </summary>
    public int Order { get; set; } = 1;

    /// <summary>
    /// How the CNN is trained: network, epochs, batch size, learning rate and optimiser, early
    /// stopping, seed, progress (<see cref="CnnTrainingOptions"/>, copied onto the trainer with
    /// <see cref="CnnTrainingOptions.ApplyTo{T}"/>). Defaults are that type's: 20 epochs, batch 32,
    /// learning rate 0.001, early-stopping patience 5 (with validation data), seed null (from the
    /// MLContext), network null (<see cref="NetworkPresets.DefaultFor"/> the encoded input). A model
    /// search (<see cref="CnnSweep.Sequences"/>) starts every trial from these settings but replaces
    /// the network, epochs, batch size and learning rate with the trial's, the seed with the sweep's
    /// and the patience with <see cref="CnnSweepOptions.EarlyStoppingPatience"/> (default 3).
    /// </summary>
    public CnnTrainingOptions Training { get; set; } = new();

    /// <summary>Train on the reverse complement of each sequence with probability ½ (DNA/RNA). Default false.</summary>
    public bool ReverseComplementAugment { get; set; }

    /// <summary>Shift training sequences by up to this many bases either way (DNA/RNA). Default 0.</summary>
    public int MaxShift { get; set; }

    /// <summary>Score both strands and average (saved with the model; DNA/RNA). Default false.</summary>
    public bool ReverseComplementAverage { get; set; }

    /// <summary>Checkpoints, resuming and cancellation. Default: none.</summary>
    public TrainingRecovery Recovery { get; set; } = new();
}
