using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>
/// Tiny generated images with a known answer: one bright bar on a noisy dark background, its
/// direction the class ("horizontal", "vertical", "diagonal"), at a random place and length.
/// Grayscale 1 × 16 × 16 (or the same picture in 3 identical channels), values in [0, 1],
/// channel-major as ML.NET's ExtractPixels writes them.
/// </summary>
internal static class ImageData
{
    public const int Size = 16;
    public static readonly string[] Classes = ["horizontal", "vertical", "diagonal"];

    /// <summary>A row whose feature column declares its image dimensions, as ExtractPixels' output does.</summary>
    public sealed class RgbRow
    {
        public string Label { get; set; } = "";
        [VectorType(3, Size, Size)] public float[] Features { get; set; } = [];
    }

    /// <summary>A row with a plain vector column (the shape must be declared in the options).</summary>
    public sealed class FlatRow
    {
        public string Label { get; set; } = "";
        [VectorType(Size * Size)] public float[] Features { get; set; } = [];
    }

    public static float[] Draw(int cls, Random random, float noise = 0.15f)
    {
        var image = new float[Size * Size];
        for (int i = 0; i < image.Length; i++) image[i] = Math.Clamp(0.1f + noise * Gaussian(random), 0f, 1f);
        int length = random.Next(8, 14), a = random.Next(1, Size - 1), b = random.Next(0, Size - length), c = random.Next(0, Size - length);
        for (int t = 0; t < length; t++)
        {
            var (y, x) = cls switch { 0 => (a, b + t), 1 => (b + t, a), _ => (b + t, c + t) };
            image[y * Size + x] = Math.Clamp(0.9f + noise * Gaussian(random), 0f, 1f);
        }
        return image;
    }

    public static IDataView Flat(MLContext ml, int perClass, int seed) =>
        ml.Data.LoadFromEnumerable(Rows(perClass, seed).Select(r => new FlatRow { Label = Classes[r.Class], Features = r.Pixels }).ToList());

    public static IDataView Rgb(MLContext ml, int perClass, int seed) =>
        ml.Data.LoadFromEnumerable(Rows(perClass, seed).Select(r => new RgbRow { Label = Classes[r.Class], Features = [.. r.Pixels, .. r.Pixels, .. r.Pixels] }).ToList());

    private static IEnumerable<(int Class, float[] Pixels)> Rows(int perClass, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < perClass; i++)
            for (int c = 0; c < Classes.Length; c++)
                yield return (c, Draw(c, random));
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
