using Cnn.MLNet.Trainers;

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

    /// <summary>
    /// How the CNN is trained: network, epochs, batch size, learning rate and optimiser, early
    /// stopping, seed, progress (<see cref="CnnTrainingOptions"/>, copied onto the trainer with
    /// <see cref="CnnTrainingOptions.ApplyTo{T}"/>). Defaults are that type's: 20 epochs, batch 32,
    /// learning rate 0.001, early-stopping patience 5 (with validation data; null trains all epochs),
    /// seed null (from the MLContext), except the network: null here means
    /// <see cref="NetworkPresets.LeNet5"/> (<see cref="NetworkOrDefault"/>). A model search
    /// (<see cref="CnnSweep.Images"/>) starts every trial from these settings but replaces the network,
    /// epochs, batch size and learning rate with the trial's, the seed with the sweep's and the patience
    /// with <see cref="CnnSweepOptions.EarlyStoppingPatience"/> (default 3).
    /// </summary>
    public CnnTrainingOptions Training { get; set; } = new();

    /// <summary>Random flips and shifts of training images. Default null: off.</summary>
    public ImageAugmentation? Augmentation { get; set; }

    /// <summary>
    /// Decode and resize the training (and validation) images once and keep their pixels in memory
    /// for all epochs, instead of reading every file again each epoch. Costs channels × height ×
    /// width × 4 bytes per image (12 KB at 3 × 32 × 32). Default true.
    /// </summary>
    public bool CacheImages { get; set; } = true;

    /// <summary>The network to train: <see cref="CnnTrainingOptions.Network"/> of <see cref="Training"/>, or LeNet5 when it is null.</summary>
    public NetworkSpec NetworkOrDefault() => Training.Network ?? NetworkPresets.LeNet5();

    internal void Validate()
    {
        if (Training == null) throw new ArgumentException("The image settings need Training options (they are null).");
        if (Width < 1 || Width > 4096 || Height < 1 || Height > 4096)
            throw new ArgumentException($"The image size must be 1 to 4,096 pixels each way (was {Width} × {Height}).");
    }

    /// <summary>Checkpoints, resuming and cancellation. Default: none.</summary>
    public TrainingRecovery Recovery { get; set; } = new();
}
