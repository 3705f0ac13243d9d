using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;

namespace Cnn.MLNet.Pipelines.Tests.Simulation;

public sealed class ShapeImageSimulatorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-shapes-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Same_seed_gives_the_same_images_and_another_seed_different_ones()
    {
        var options = new ShapeImageOptions { Seed = 3 };
        var first = ShapeImageSimulator.Generate(4, options);
        var again = ShapeImageSimulator.Generate(4, options);
        var other = ShapeImageSimulator.Generate(4, options with { Seed = 4 });

        Assert.Equal(first.Count, again.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Label, again[i].Label);
            Assert.Equal(first[i].Pixels, again[i].Pixels);
            Assert.Equal((first[i].CenterX, first[i].CenterY), (again[i].CenterX, again[i].CenterY));
        }
        Assert.Equal(first.Select(i => i.Label), other.Select(i => i.Label)); // classes alternate whatever the seed
        Assert.All(Enumerable.Range(0, first.Count), i => Assert.NotEqual(first[i].Pixels, other[i].Pixels));
    }

    [Fact]
    public void Classes_alternate_and_are_balanced_and_pixels_are_channel_major_bytes_over_255()
    {
        var options = new ShapeImageOptions { Width = 40, Height = 24, Noise = 0.2, Seed = 7 };
        var images = ShapeImageSimulator.Generate(5, options);

        Assert.Equal(["bars", "crosses", "rings"], ShapeImageSimulator.ClassNames);
        Assert.Equal(15, images.Count);
        for (int i = 0; i < images.Count; i++) Assert.Equal(ShapeImageSimulator.ClassNames[i % 3], images[i].Label);
        Assert.All(ShapeImageSimulator.ClassNames, name => Assert.Equal(5, images.Count(i => i.Label == name)));
        foreach (var image in images)
        {
            Assert.Equal((40, 24), (image.Width, image.Height));
            Assert.Equal(3 * 40 * 24, image.Pixels.Length);
            Assert.All(image.Pixels, v => Assert.Equal((float)Math.Round(v * 255) * (1f / 255), v));
            Assert.InRange(image.CenterX, 0, 40);
            Assert.InRange(image.CenterY, 0, 24);
        }
    }

    [Fact]
    public void Noise_option_sets_the_pixel_noise()
    {
        // The first image's shape and colours are drawn before its noise, so only the noise differs.
        var clean = ShapeImageSimulator.Generate(1, new ShapeImageOptions { Noise = 0, Seed = 9 })[0];
        var noisy = ShapeImageSimulator.Generate(1, new ShapeImageOptions { Noise = 0.2, Seed = 9 })[0];
        double meanDifference = clean.Pixels.Zip(noisy.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanDifference, 0.05, 0.25); // E|N(0, 0.2)| ≈ 0.16, less where clamped at 0 or 1
        Assert.True(clean.Pixels.Distinct().Count() < noisy.Pixels.Distinct().Count());
    }

    [Fact]
    public void Written_files_are_one_folder_per_class_and_decode_to_the_generated_pixels()
    {
        var options = new ShapeImageOptions { Width = 20, Height = 16, Seed = 11 };
        var images = ShapeImageSimulator.Generate(3, options);
        var paths = ShapeImageSimulator.WriteFolders(_folder, 3, options);

        Assert.Equal(images.Count, paths.Count);
        for (int i = 0; i < paths.Count; i++)
        {
            string label = images[i].Label;
            Assert.Equal(Path.Combine(Path.GetFullPath(_folder), label, $"{label}_{i / 3 + 1:D4}.png"), paths[i]);
            using var bitmap = SKBitmap.Decode(paths[i]);
            Assert.NotNull(bitmap);
            Assert.Equal((20, 16), (bitmap.Width, bitmap.Height));
            int plane = 20 * 16;
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 20; x++)
                {
                    var p = bitmap.GetPixel(x, y);
                    Assert.Equal(255, p.Alpha);
                    Assert.Equal(p.Red * (1f / 255), images[i].Pixels[y * 20 + x]);
                    Assert.Equal(p.Green * (1f / 255), images[i].Pixels[plane + y * 20 + x]);
                    Assert.Equal(p.Blue * (1f / 255), images[i].Pixels[2 * plane + y * 20 + x]);
                }
        }
        Assert.All(ShapeImageSimulator.ClassNames, name => Assert.Equal(3, Directory.GetFiles(Path.Combine(_folder, name), "*.png").Length));
    }

    private sealed class ImageFile
    {
        public string Path { get; set; } = "";
    }

    [Fact]
    public void Ml_net_extract_pixels_reads_exactly_the_generated_pixels()
    {
        var options = new ShapeImageOptions { Width = 24, Height = 24, Seed = 5 };
        var images = ShapeImageSimulator.Generate(2, options);
        var paths = ShapeImageSimulator.WriteFolders(_folder, 2, options);

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(paths.Select(p => new ImageFile { Path = p }));
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImageFile.Path))
            .Append(ml.Transforms.ResizeImages("Image", options.Width, options.Height))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image", scaleImage: 1f / 255));
        var pixels = pipeline.Fit(data).Transform(data).GetColumn<float[]>("Pixels").ToList();

        Assert.Equal(images.Count, pixels.Count);
        for (int i = 0; i < images.Count; i++) Assert.Equal(images[i].Pixels, pixels[i]);
    }

    [Fact]
    public void Shape_centres_tell_rings_from_crosses()
    {
        // A ring's centre is background (the hole); a cross's centre is where its strokes cross.
        var images = ShapeImageSimulator.Generate(30, new ShapeImageOptions { Seed = 2 });
        double Contrast(ShapeImage image)
        {
            int plane = image.Width * image.Height, x = (int)image.CenterX, y = (int)image.CenterY;
            double sum = 0;
            for (int c = 0; c < 3; c++)
            {
                var channel = image.Pixels.AsSpan(c * plane, plane).ToArray();
                Array.Sort(channel);
                float background = channel[plane / 2]; // most pixels are background
                double centre = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                        centre += image.Pixels[c * plane + (y + dy) * image.Width + x + dx] / 9.0;
                sum += (centre - background) * (centre - background);
            }
            return Math.Sqrt(sum);
        }

        var rings = images.Where(i => i.Label == ShapeImageSimulator.Rings).Select(Contrast).ToList();
        var crosses = images.Where(i => i.Label == ShapeImageSimulator.Crosses).Select(Contrast).ToList();
        Assert.True(rings.Count(c => c < 0.3) >= 28, string.Join(" ", rings.Select(c => c.ToString("F2"))));   // seed 2: all below 0.14
        Assert.True(crosses.Count(c => c > 0.3) >= 28, string.Join(" ", crosses.Select(c => c.ToString("F2")))); // seed 2: all above 0.48
    }

    [Fact]
    public void Out_of_range_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapeImageSimulator.Generate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapeImageSimulator.Generate(1, new ShapeImageOptions { Width = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapeImageSimulator.Generate(1, new ShapeImageOptions { Height = 2000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapeImageSimulator.Generate(1, new ShapeImageOptions { Noise = -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapeImageSimulator.Generate(1, new ShapeImageOptions { Noise = double.NaN }));
        Assert.Throws<ArgumentException>(() => ShapeImageSimulator.WriteFolders(" ", 1));
        Assert.False(Directory.Exists(_folder));
    }
}
