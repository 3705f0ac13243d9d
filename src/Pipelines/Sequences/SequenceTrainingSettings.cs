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

    /// <summary>The network. Default null: <see cref="NetworkPresets.Default"/>.</summary>
    public NetworkSpec? Network { get; set; }

    /// <summary>Default 20.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Default 0.001.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Default null: from the MLContext.</summary>
    public int? Seed { get; set; }

    /// <summary>Train on the reverse complement of each sequence with probability ½ (DNA/RNA). Default false.</summary>
    public bool ReverseComplementAugment { get; set; }

    /// <summary>Shift training sequences by up to this many bases either way (DNA/RNA). Default 0.</summary>
    public int MaxShift { get; set; }

    /// <summary>Score both strands and average (saved with the model; DNA/RNA). Default false.</summary>
    public bool ReverseComplementAverage { get; set; }

    /// <summary>Validation-loss early stopping patience when validation data is given. Default 5.</summary>
    public int? EarlyStoppingPatience { get; set; } = 5;

    /// <summary>Per-epoch reports. Default null.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Checkpoints, resuming and cancellation. Default: none.</summary>
    public TrainingRecovery Recovery { get; set; } = new();
}
