using Cnn.MLNet.Trainers.Networks;
using Cnn.MLNet.Trainers.Tasks;
using Cnn.MLNet.Trainers.Training;
using Cnn.MLNet.Transforms;

namespace Cnn.MLNet.Pipelines.Training;

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

    /// <summary>Per-epoch reports. Default null.</summary>
    public IProgress<EpochReport>? Progress { get; set; }
}
