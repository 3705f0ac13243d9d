using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A network's parameters and buffers (batch-norm running statistics included) as bytes, in
/// TorchSharp's own state-dict format (<c>Module.save</c>/<c>Module.load</c>): every tensor by
/// name, with dtype and shape, so a tensor missing, extra, or of another shape is an error.
/// </summary>
internal static class NetworkWeights
{
    /// <summary>The name under which this encoding is recorded in a saved configuration.</summary>
    public const string Format = "TorchSharp Module.save";

    /// <summary>The weights of <paramref name="network"/> (copied to the CPU where needed).</summary>
    public static byte[] Write(CnnNetwork network)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            network.save(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Loads <paramref name="weights"/> into <paramref name="network"/>, which must have the same architecture.</summary>
    /// <exception cref="FormatException">The bytes do not fit the network (truncated, wrong names, dtypes or shapes, trailing data).</exception>
    public static void Read(CnnNetwork network, byte[] weights)
    {
        using var buffer = new MemoryStream(weights, writable: false);
        using var reader = new BinaryReader(buffer);
        try
        {
            using var noGrad = torch.no_grad();
            network.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or IOException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"The saved weights do not fit the network '{network.Spec.Name}': {e.Message}", e);
        }
        if (buffer.Position != buffer.Length)
            throw new FormatException($"The saved weights hold {buffer.Length - buffer.Position} bytes more than the network '{network.Spec.Name}' needs.");
    }
}
