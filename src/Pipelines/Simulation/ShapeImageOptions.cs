namespace Cnn.MLNet.Pipelines;

/// <summary>Settings of <see cref="ShapeImageSimulator"/>.</summary>
public sealed record ShapeImageOptions
{
    /// <summary>Image width in pixels, 8 to 1,024. Default 32.</summary>
    public int Width { get; init; } = 32;

    /// <summary>Image height in pixels, 8 to 1,024. Default 32.</summary>
    public int Height { get; init; } = 32;

    /// <summary>
    /// Standard deviation of the Gaussian noise added to every channel of every pixel, on the
    /// 0–1 intensity scale, 0 to 1. Default 0.1.
    /// </summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>Random seed; the same seed and settings give the same images. Default 1.</summary>
    public int Seed { get; init; } = 1;
}
