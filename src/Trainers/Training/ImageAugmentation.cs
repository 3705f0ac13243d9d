namespace Cnn.MLNet.Trainers;

/// <summary>
/// Random changes applied to every training image each time it is read (never to validation
/// data or at scoring), so the network sees a slightly different picture every epoch. Off unless
/// <see cref="CnnTrainerOptions.Augmentation"/> is set. Draws are seeded like the rest of training.
/// </summary>
public sealed class ImageAugmentation
{
    /// <summary>Mirror left–right with probability ½. Default true.</summary>
    public bool HorizontalFlip { get; set; } = true;

    /// <summary>Mirror top–bottom with probability ½ (for images without an up, e.g. micrographs). Default false.</summary>
    public bool VerticalFlip { get; set; }

    /// <summary>Shift by up to this many pixels along each axis (uniform), filling the uncovered edge with zeros. Default 2.</summary>
    public int MaxShift { get; set; } = 2;

    internal void Validate()
    {
        if (MaxShift < 0) throw new ArgumentException($"Augmentation.MaxShift must not be negative (was {MaxShift}).");
    }
}
