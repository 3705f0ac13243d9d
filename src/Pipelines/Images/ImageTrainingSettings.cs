using Cnn.MLNet.Trainers;
using Cnn.MLNet.Pipelines;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Settings of the ready-made image pipeline (<see cref="ImageModels.Train"/>): image size and
/// colour, the network and how to train it. Images are always classified into the classes of
/// the training data (multiclass).
/// </summary>
public sealed class ImageTrainingSettings
{
    /// <summary>Width every image is resized to, in pixels (1 to 4,096). Default 32.</summary>
    public int Width { get; set; } = 32;

    /// <summary>Height every image is resized to, in pixels (1 to 4,096). Default 32.</summary>
    public int Height { get; set; } = 32;

    /// <summary>Convert to grayscale and feed the network one channel instead of three (R, G, B). Default false.</summary>
    public bool Grayscale { get; set; }

    /// <summary>The network. Default null: <see cref="NetworkPresets.LeNet5"/>.</summary>
    public NetworkSpec? Network { get; set; }

    /// <summary>Default 20.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Default 0.001.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Default null: from the MLContext.</summary>
    public int? Seed { get; set; }

    /// <summary>Random flips and shifts of training images. Default null: off.</summary>
    public ImageAugmentation? Augmentation { get; set; }

    /// <summary>
    /// With validation data: stop when the validation loss has not improved for this many epochs
    /// (the best epoch's weights are kept either way). Default 5; null trains all epochs.
    /// </summary>
    public int? EarlyStoppingPatience { get; set; } = 5;

    /// <summary>
    /// Decode and resize the training (and validation) images once and keep their pixels in memory
    /// for all epochs, instead of reading every file again each epoch. Costs channels × height ×
    /// width × 4 bytes per image (12 KB at 3 × 32 × 32). Default true.
    /// </summary>
    public bool CacheImages { get; set; } = true;

    /// <summary>Per-epoch reports. Default null.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>The network to train: <see cref="Network"/>, or LeNet5 when it is null.</summary>
    public NetworkSpec NetworkOrDefault() => Network ?? NetworkPresets.LeNet5();

    internal void Validate()
    {
        if (Width < 1 || Width > 4096 || Height < 1 || Height > 4096)
            throw new ArgumentException($"The image size must be 1 to 4,096 pixels each way (was {Width} × {Height}).");
    }

    /// <summary>Checkpoints, resuming and cancellation. Default: none.</summary>
    public TrainingRecovery Recovery { get; set; } = new();
}
