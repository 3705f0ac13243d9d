namespace Cnn.MLNet.Pipelines;

/// <summary>One simulated image: its class, its pixels, and where the shape was drawn.</summary>
/// <param name="Label">The class: one of <see cref="ShapeImageSimulator.ClassNames"/>.</param>
/// <param name="Pixels">
/// RGB, channel-major (all red values row by row, then green, then blue: 3 × <paramref name="Height"/> ×
/// <paramref name="Width"/>), each a byte value × 1/255, exactly what
/// <c>ml.Transforms.ExtractPixels(scaleImage: 1f / 255)</c> reads from the image's PNG file.
/// </param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="CenterX">The shape's centre, in pixels from the left edge (the known answer for attribution checks).</param>
/// <param name="CenterY">The shape's centre, in pixels from the top edge.</param>
public sealed record ShapeImage(string Label, float[] Pixels, int Width, int Height, float CenterX, float CenterY);
