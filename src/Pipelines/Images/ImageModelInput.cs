namespace Cnn.MLNet.Pipelines;

/// <summary>
/// What a trained image model expects of its images, as read from the model itself: the size the
/// pipeline resizes to and whether it converts to grayscale (one channel) or keeps R, G, B.
/// </summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Grayscale">One grayscale channel (true) or three colour channels (false).</param>
public sealed record ImageModelInput(int Width, int Height, bool Grayscale)
{
    /// <summary>"32x32 RGB" or "28x28 grayscale".</summary>
    public override string ToString() => $"{Width}x{Height} {(Grayscale ? "grayscale" : "RGB")}";
}
