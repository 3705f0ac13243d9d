using System.Text.Json;
using System.Text.Json.Serialization;
using Cnn.MLNet.Transforms.Serialization;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A network described as data: a convolutional trunk of blocks, then a head of dense layers,
/// then an output layer whose size the task decides (1 for binary and regression, one per class,
/// one per task). Composed like gReLU's models (layer → block → trunk + head), serialised with
/// the model, and checked against the input shape before training (<see cref="NetworkShapes"/>).
/// Ready-made specs are in <see cref="NetworkPresets"/>.
/// </summary>
public sealed record NetworkSpec
{
    /// <summary>The JSON format version this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>A label for reports, e.g. the preset's name. Default "custom".</summary>
    public string Name { get; init; } = "custom";

    /// <summary>The convolutional trunk, applied in order. Must hold at least one convolution.</summary>
    public IReadOnlyList<TrunkBlockSpec> Trunk { get; init; } = [];

    /// <summary>Hidden dense layers after the trunk, applied in order (may be empty).</summary>
    public IReadOnlyList<DenseLayerSpec> Head { get; init; } = [];

    /// <summary>
    /// A head that predicts coverage tracks (BPNet profile and count, or binned tracks) in place of
    /// the dense head and output layer; null (the default) for classification and regression networks.
    /// Written to JSON only when set, so other networks' specs are unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackHeadSpec? TrackHead { get; init; }

    /// <summary>Serialises the spec (with its format version) to JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Envelope(CurrentFormatVersion, this), StrictJson.Options);

    /// <summary>Reads a spec written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The JSON is malformed, of another format version, or not a network spec.</exception>
    public static NetworkSpec FromJson(string json)
    {
        Envelope? envelope;
        try { envelope = JsonSerializer.Deserialize<Envelope>(json, StrictJson.Options); }
        catch (JsonException e) { throw new FormatException($"Not a valid Cnn.MLNet network spec: {e.Message}", e); }
        if (envelope?.Network == null) throw new FormatException("Not a valid Cnn.MLNet network spec: the 'network' object is missing.");
        if (envelope.FormatVersion != CurrentFormatVersion)
            throw new FormatException($"Network spec format version {envelope.FormatVersion} is not supported by this build (it reads version {CurrentFormatVersion}).");
        return envelope.Network;
    }

    /// <summary>Value equality by content (records compare lists by reference, so compare the JSON).</summary>
    public bool SameAs(NetworkSpec other) => ToJson() == other.ToJson();

    private sealed record Envelope(int FormatVersion, NetworkSpec Network);

}
