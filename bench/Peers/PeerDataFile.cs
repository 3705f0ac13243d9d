using System.Runtime.InteropServices;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// The data files the parent writes once per case and every child reads: raw float32 features and
/// raw int32 labels, little-endian, no header (the shape is in <see cref="PeerRunConfig"/>), so
/// Python reads them with <c>torch.frombuffer</c> and no parsing cost differs between implementations.
/// </summary>
public static class PeerDataFile
{
    /// <summary>Writes both files.</summary>
    public static void Write(string featuresPath, string labelsPath, float[] features, int[] labels)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The peer data files are little-endian.");
        File.WriteAllBytes(featuresPath, MemoryMarshal.AsBytes(features.AsSpan()).ToArray());
        File.WriteAllBytes(labelsPath, MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
    }

    /// <summary>Reads the files of <paramref name="config"/>, checking their sizes against its shape.</summary>
    public static (float[] Features, int[] Labels) Read(PeerRunConfig config)
    {
        var features = ReadArray<float>(config.FeaturesPath, (long)config.Rows * config.Input.FeatureSize);
        var labels = ReadArray<int>(config.LabelsPath, config.Rows);
        return (features, labels);
    }

    private static T[] ReadArray<T>(string path, long count) where T : unmanaged
    {
        var result = new T[count];
        using var stream = File.OpenRead(path);
        var bytes = MemoryMarshal.AsBytes(result.AsSpan());
        if (stream.Length != bytes.Length)
            throw new InvalidDataException($"{path}: {stream.Length} bytes, expected {bytes.Length} ({count} values).");
        stream.ReadExactly(bytes);
        return result;
    }
}
