using Cnn.MLNet.Pipelines;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// The image task for the image-training benchmarks: 3 × 32 × 32 RGB shape images (bars, crosses,
/// rings; <see cref="ShapeImageSimulator.Generate"/>, noise 0.1, fixed seed), generated in memory
/// and loaded into a cached IDataView whose <c>Features</c> column is <c>vector&lt;float, 3, 32, 32&gt;</c>,
/// the type ML.NET's <c>ExtractPixels</c> gives.
/// </summary>
public static class ShapeImageData
{
    /// <summary>Colour channels.</summary>
    public const int Channels = 3;

    /// <summary>Image side in pixels.</summary>
    public const int Side = 32;

    /// <summary>Values per image.</summary>
    public const int FeatureSize = Channels * Side * Side;

    /// <summary>Number of classes.</summary>
    public const int Classes = 3;

    /// <summary>One image row.</summary>
    public sealed class Row
    {
        /// <summary>RGB pixels in [0, 1], channel-major (as ExtractPixels writes them).</summary>
        [VectorType(Channels, Side, Side)]
        public float[] Features { get; set; } = [];

        /// <summary>
        /// The class index, 0 = bars, 1 = crosses, 2 = rings. <c>LoadFromEnumerable</c> reads a
        /// <c>[KeyType]</c> property as a 0-based index and stores key value index + 1 (so 1–3 here).
        /// </summary>
        [KeyType(Classes)]
        public uint Label { get; set; }
    }

    /// <summary><paramref name="perClass"/> images of each class (classes alternate), as rows.</summary>
    public static Row[] Generate(int perClass, int seed)
    {
        var images = ShapeImageSimulator.Generate(perClass, new ShapeImageOptions { Width = Side, Height = Side, Seed = seed });
        var names = ShapeImageSimulator.ClassNames.ToList();
        return images.Select(image => new Row { Features = image.Pixels, Label = (uint)names.IndexOf(image.Label) }).ToArray();
    }

    /// <summary>The rows in a cached IDataView, read through once so that no benchmark pays for filling the cache.</summary>
    public static IDataView Load(MLContext ml, Row[] rows)
    {
        var cached = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        using (var cursor = cached.GetRowCursor(cached.Schema))
        {
            while (cursor.MoveNext()) { }
        }
        return cached;
    }

    /// <summary>
    /// Preloaded batch tensors in row order: images (rows, 3 × 32 × 32 flattened, as the trainer
    /// feeds <c>CnnNetwork</c>) and class indices (rows, int64, 0-based). The caller owns them.
    /// </summary>
    public static List<(Tensor X, Tensor Y)> Batches(Row[] rows, int batchSize)
    {
        var batches = new List<(Tensor, Tensor)>();
        for (int start = 0; start < rows.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, rows.Length - start);
            var features = new float[count * FeatureSize];
            var labels = new long[count];
            for (int r = 0; r < count; r++)
            {
                rows[start + r].Features.CopyTo(features, r * FeatureSize);
                labels[r] = rows[start + r].Label;
            }
            batches.Add((tensor(features, [count, FeatureSize]), tensor(labels, [count])));
        }
        return batches;
    }
}
