using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;

namespace Cnn.MLNet.Pipelines.Tests.Plots;

/// <summary>
/// Microsoft.ML.ImageAnalytics is compiled against SkiaSharp 2.88 and fails with SkiaSharp 3.x, so
/// the plots draw with SkiaSharp 2.88 too. This proves both work in one process.
/// </summary>
public sealed class ImageAnalyticsCoexistenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-images-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
    }

    [Fact]
    public void Image_pipeline_reads_back_the_written_pixels_and_a_logo_saves_in_the_same_process()
    {
        const int width = 5, height = 3;
        Directory.CreateDirectory(_folder);
        var colours = new SKColor[height, width];
        using (var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque)))
        {
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    colours[y, x] = new SKColor((byte)(40 * x + 7), (byte)(80 * y + 3), (byte)(200 - 13 * (x + y)));
                    bitmap.SetPixel(x, y, colours[y, x]);
                }
            using var image = SKImage.FromBitmap(bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var stream = File.Create(Path.Combine(_folder, "pixels.png"));
            png.SaveTo(stream);
        }

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new ImageRow { ImagePath = "pixels.png" }]);
        var pipeline = ml.Transforms.LoadImages("Image", _folder, nameof(ImageRow.ImagePath))
            .Append(ml.Transforms.ResizeImages("Resized", width, height, "Image"))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Resized"));
        var transformed = pipeline.Fit(data).Transform(data);

        var type = Assert.IsType<VectorDataViewType>(transformed.Schema["Pixels"].Type);
        Assert.Equal([3, height, width], type.Dimensions.ToArray());
        float[] pixels = Assert.Single(transformed.GetColumn<float[]>("Pixels"));
        Assert.Equal(3 * height * width, pixels.Length);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int at = y * width + x, plane = height * width;
                Assert.Equal(colours[y, x].Red, pixels[at]);
                Assert.Equal(colours[y, x].Green, pixels[plane + at]);
                Assert.Equal(colours[y, x].Blue, pixels[2 * plane + at]);
            }

        string logo = Path.Combine(_folder, "logo.png");
        SequenceLogo.SavePng(Motif.FromConsensus("m", "ACGT"), logo);
        Assert.True(PngFile.AssertPng(logo, 800, 300) > 1);
    }
}
