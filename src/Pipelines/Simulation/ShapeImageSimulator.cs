using System.Globalization;
using SkiaSharp;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Simulates a small image-classification dataset whose answer is known by construction: each
/// image shows one shape of class <c>bars</c> (1–3 parallel straight bars, horizontal, vertical or
/// diagonal), <c>crosses</c> (two crossing strokes, an × or a +) or <c>rings</c> (a circle
/// outline), at a random position near the centre, random size, stroke width and colour, over a
/// random background colour with Gaussian pixel noise.
/// </summary>
/// <remarks>
/// <para>Shapes are drawn antialiased with SkiaSharp, then noise is added and every channel is
/// quantised to a byte, so <see cref="ShapeImage.Pixels"/> equals what ML.NET's
/// <c>LoadImages → ExtractPixels(scaleImage: 1f / 255)</c> reads back from the PNG files of
/// <see cref="WriteFolders"/>. Classes alternate (bars, crosses, rings, bars, …), so any prefix is
/// balanced. The same options and seed give the same images.</para>
/// <para>A shape spans 50–85 % of the smaller image side and its centre is at most 12 % of that
/// side from the image centre. Rings therefore always leave background around their centre, while
/// crosses always cover theirs.</para>
/// </remarks>
public static class ShapeImageSimulator
{
    /// <summary>The bars class: 1–3 parallel straight bars.</summary>
    public const string Bars = "bars";
    /// <summary>The crosses class: two crossing strokes (× or +).</summary>
    public const string Crosses = "crosses";
    /// <summary>The rings class: a circle outline.</summary>
    public const string Rings = "rings";

    /// <summary>The class names, in the order images cycle through them.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = [Bars, Crosses, Rings];

    /// <summary>The most images per class one call makes.</summary>
    public const int MaxPerClass = 100_000;

    /// <summary>Generates <paramref name="perClass"/> images of each class, classes alternating.</summary>
    /// <param name="perClass">Images per class, 1 to <see cref="MaxPerClass"/>.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">An argument or option is out of range.</exception>
    public static IReadOnlyList<ShapeImage> Generate(int perClass, ShapeImageOptions? options = null)
    {
        options ??= new ShapeImageOptions();
        Validate(perClass, options);
        var random = new Random(options.Seed);
        var images = new List<ShapeImage>(perClass * ClassNames.Count);
        for (int i = 0; i < perClass * ClassNames.Count; i++)
            images.Add(Draw(ClassNames[i % ClassNames.Count], options, random).Image);
        return images;
    }

    /// <summary>
    /// Writes the images of <see cref="Generate"/> as PNG files, one sub-folder per class:
    /// <c>directory/bars/bars_0001.png</c>, <c>directory/crosses/crosses_0001.png</c>, … (the layout
    /// ML.NET's image-classification samples read, the folder name being the label).
    /// </summary>
    /// <param name="directory">The folder to write into (created when missing; existing files of the same names are replaced).</param>
    /// <param name="perClass">Images per class, 1 to <see cref="MaxPerClass"/>.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <returns>The full paths of the files, in the order of <see cref="Generate"/> for the same arguments.</returns>
    /// <exception cref="ArgumentException">An argument or option is out of range, or the folder is empty.</exception>
    public static IReadOnlyList<string> WriteFolders(string directory, int perClass, ShapeImageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new ShapeImageOptions();
        Validate(perClass, options);
        string root = Path.GetFullPath(directory);
        foreach (string name in ClassNames) Directory.CreateDirectory(Path.Combine(root, name));

        var random = new Random(options.Seed);
        int digits = Math.Max(4, perClass.ToString(CultureInfo.InvariantCulture).Length);
        var paths = new List<string>(perClass * ClassNames.Count);
        for (int i = 0; i < perClass * ClassNames.Count; i++)
        {
            string label = ClassNames[i % ClassNames.Count];
            var (_, bytes) = Draw(label, options, random);
            string number = (i / ClassNames.Count + 1).ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            string path = Path.Combine(root, label, $"{label}_{number}.png");
            SavePng(bytes, options.Width, options.Height, path);
            paths.Add(path);
        }
        return paths;
    }

    private static void Validate(int perClass, ShapeImageOptions options)
    {
        if (perClass < 1 || perClass > MaxPerClass)
            throw new ArgumentOutOfRangeException(nameof(perClass), perClass, $"Images per class must be 1 to {MaxPerClass:N0}.");
        if (options.Width < 8 || options.Width > 1024)
            throw new ArgumentOutOfRangeException(nameof(options), options.Width, "The image width must be 8 to 1,024 pixels.");
        if (options.Height < 8 || options.Height > 1024)
            throw new ArgumentOutOfRangeException(nameof(options), options.Height, "The image height must be 8 to 1,024 pixels.");
        if (!(options.Noise >= 0 && options.Noise <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.Noise, "The noise level must be 0 to 1.");
    }

    /// <summary>Draws one image; returns it and its RGBA bytes (row-major, opaque).</summary>
    private static (ShapeImage Image, byte[] Rgba) Draw(string label, ShapeImageOptions options, Random random)
    {
        int w = options.Width, h = options.Height;
        float side = Math.Min(w, h);
        SKColor background = RandomColor(random);
        SKColor ink;
        do ink = RandomColor(random); while (Distance(ink, background) < 0.5);

        float size = side * Uniform(random, 0.5, 0.85);
        float stroke = Math.Max(1.5f, side * Uniform(random, 0.06, 0.12));
        float jitter = Math.Min(0.12f * side, (side - size) / 2); // the size × size box stays inside the image
        float cx = w / 2f + Uniform(random, -jitter, jitter), cy = h / 2f + Uniform(random, -jitter, jitter);

        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(background);
            using var paint = new SKPaint { Color = ink, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = stroke, StrokeCap = SKStrokeCap.Butt };
            switch (label)
            {
                case Bars: DrawBars(canvas, paint, random, cx, cy, size, stroke); break;
                case Crosses: DrawCross(canvas, paint, random, cx, cy, size); break;
                default: canvas.DrawCircle(cx, cy, (size - stroke) / 2, paint); break;
            }
            canvas.Flush();
        }
        if (bitmap.RowBytes != w * 4) throw new InvalidOperationException("SkiaSharp gave the image padded rows.");
        byte[] rgba = bitmap.GetPixelSpan().ToArray();
        AddNoise(rgba, options.Noise, random);

        var pixels = new float[3 * w * h];
        int plane = w * h;
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < 3; c++)
                pixels[c * plane + p] = (rgba[4 * p + c] - 0f) * (1f / 255); // as ExtractPixels computes it
        return (new ShapeImage(label, pixels, w, h, cx, cy), rgba);
    }

    /// <summary>
    /// 1–3 parallel bars centred on (cx, cy), horizontal, vertical or diagonal, inside the
    /// <paramref name="size"/> × <paramref name="size"/> box; the stroke narrows when three wide bars would not fit.
    /// </summary>
    private static void DrawBars(SKCanvas canvas, SKPaint paint, Random random, float cx, float cy, float size, float stroke)
    {
        int count = random.Next(1, 4);
        int turn = random.Next(4); // 0°, 45°, 90° or 135°
        float gap = stroke * Uniform(random, 2, 3);
        float across = (count - 1) * gap + stroke;
        if (across > 0.7f * size)
        {
            float shrink = 0.7f * size / across;
            (stroke, gap, across) = (Math.Max(1, stroke * shrink), gap * shrink, 0.7f * size);
        }
        // Butt caps: a bar of length L is L × stroke. A 45° rectangle L × across spans (L + across) / √2.
        float length = turn % 2 == 0 ? size : Math.Min(size, MathF.Sqrt(2) * size - across);
        float angle = turn * MathF.PI / 4;
        (float dx, float dy) = (MathF.Cos(angle), MathF.Sin(angle)); // along a bar
        (float nx, float ny) = (-dy, dx);                             // across the bars
        paint.StrokeWidth = stroke;
        for (int k = 0; k < count; k++)
        {
            float offset = (k - (count - 1) / 2f) * gap;
            float mx = cx + nx * offset, my = cy + ny * offset;
            canvas.DrawLine(mx - dx * length / 2, my - dy * length / 2, mx + dx * length / 2, my + dy * length / 2, paint);
        }
    }

    /// <summary>Two strokes of length <paramref name="size"/> crossing at right angles at (cx, cy): a + or an ×.</summary>
    private static void DrawCross(SKCanvas canvas, SKPaint paint, Random random, float cx, float cy, float size)
    {
        float half = (size - paint.StrokeWidth) / 2;
        if (random.Next(2) == 0)
        {
            canvas.DrawLine(cx - half, cy, cx + half, cy, paint);
            canvas.DrawLine(cx, cy - half, cx, cy + half, paint);
        }
        else
        {
            float d = half / MathF.Sqrt(2) * 1.2f;
            canvas.DrawLine(cx - d, cy - d, cx + d, cy + d, paint);
            canvas.DrawLine(cx - d, cy + d, cx + d, cy - d, paint);
        }
    }

    /// <summary>Adds Gaussian noise of standard deviation <paramref name="noise"/> (0–1 scale) to the R, G, B bytes, clamped and rounded.</summary>
    private static void AddNoise(byte[] rgba, double noise, Random random)
    {
        for (int i = 0; i < rgba.Length; i++)
        {
            if (i % 4 == 3) { rgba[i] = 255; continue; }
            if (noise == 0) continue;
            double value = rgba[i] / 255.0 + noise * Gaussian(random);
            rgba[i] = (byte)Math.Round(Math.Clamp(value, 0, 1) * 255, MidpointRounding.AwayFromZero);
        }
    }

    private static void SavePng(byte[] rgba, int width, int height, string path)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var data = SKData.CreateCopy(rgba);
        using var image = SKImage.FromPixels(info, data, width * 4) ?? throw new InvalidOperationException("SkiaSharp could not wrap the image pixels.");
        using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("SkiaSharp could not encode the image as PNG.");
        using var stream = File.Create(path);
        png.SaveTo(stream);
    }

    private static SKColor RandomColor(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    /// <summary>Euclidean RGB distance on the 0–1 scale (0 to √3).</summary>
    private static double Distance(SKColor a, SKColor b)
    {
        double r = (a.Red - b.Red) / 255.0, g = (a.Green - b.Green) / 255.0, bl = (a.Blue - b.Blue) / 255.0;
        return Math.Sqrt(r * r + g * g + bl * bl);
    }

    private static float Uniform(Random random, double min, double max) => (float)(min + (max - min) * random.NextDouble());

    /// <summary>A standard normal sample (Box–Muller).</summary>
    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
