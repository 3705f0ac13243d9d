using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// The data of a peer case as flat channel-major float32 rows and integer labels: exactly what
/// every implementation trains on. DNA comes from <see cref="PlantedMotifSimulator"/> (random
/// sequences, the primer's motif planted in half, label 1 = planted), one-hot encoded by our own
/// <c>OneHotEncodeSequence</c> so the layout is the one a Cnn.MLNet user gets; images come from
/// <see cref="ShapeImageSimulator"/> (label 0 = bars, 1 = crosses, 2 = rings).
/// </summary>
public static class PeerData
{
    /// <summary>Features (rows × <see cref="PeerInput.FeatureSize"/>) and labels of <paramref name="peerCase"/>.</summary>
    public static (float[] Features, int[] Labels) Generate(PeerCase peerCase, int seed)
    {
        var input = peerCase.Input;
        return input.Height is int side ? Images(peerCase.Rows, input.Channels, side, seed) : Dna(peerCase.Rows, input.Length, seed);
    }

    private sealed class SequenceRow
    {
        public string Sequence { get; set; } = "";
    }

    private static (float[], int[]) Dna(int rows, int length, int seed)
    {
        var sequences = PlantedMotifSimulator.Generate(new PlantedMotifSimulator.Options { Count = rows, Length = length, Seed = seed });
        var ml = new MLContext(seed: seed);
        var raw = ml.Data.LoadFromEnumerable(sequences.Select(s => new SequenceRow { Sequence = s.Sequence }));
        var encoded = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: length).Fit(raw).Transform(raw);

        int size = 4 * length;
        var features = new float[(long)rows * size];
        var column = encoded.Schema["Features"];
        using (var cursor = encoded.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> row = default;
            for (int r = 0; cursor.MoveNext(); r++)
            {
                getter(ref row);
                if (row.Length != size) throw new InvalidOperationException($"Encoded row of {row.Length} values, expected {size}.");
                row.CopyTo(features.AsSpan(r * size, size));
            }
        }
        return (features, sequences.Select(s => s.Label ? 1 : 0).ToArray());
    }

    private static (float[], int[]) Images(int rows, int channels, int side, int seed)
    {
        int classes = ShapeImageSimulator.ClassNames.Count;
        if (rows % classes != 0) throw new ArgumentException($"Image cases need a multiple of {classes} rows (classes alternate); got {rows}.");
        var images = ShapeImageSimulator.Generate(rows / classes, new ShapeImageOptions { Width = side, Height = side, Seed = seed });
        var names = ShapeImageSimulator.ClassNames.ToList();
        int plane = side * side, size = channels * plane;
        var features = new float[(long)rows * size];
        for (int r = 0; r < rows; r++)
        {
            var pixels = images[r].Pixels; // RGB, channel-major
            var target = features.AsSpan(r * size, size);
            if (channels == 3) pixels.AsSpan(0, size).CopyTo(target);
            else if (channels == 1) Grayscale(pixels, plane, target);
            else throw new ArgumentException($"Images have 1 or 3 channels, not {channels}.");
        }
        return (features, images.Select(i => names.IndexOf(i.Label)).ToArray());
    }

    // ITU-R BT.601 luma, the weights image libraries (and ML.NET's ConvertToGrayscale) use.
    private static void Grayscale(float[] rgb, int plane, Span<float> target)
    {
        for (int p = 0; p < plane; p++)
            target[p] = 0.299f * rgb[p] + 0.587f * rgb[plane + p] + 0.114f * rgb[2 * plane + p];
    }
}
