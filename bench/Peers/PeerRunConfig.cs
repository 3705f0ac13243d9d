using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// Everything one implementation's child process needs, written once per case as JSON next to the
/// data files and read by the .NET children and by <c>peer_torch.py</c> alike, so all three train
/// the same network on the same bytes with the same settings.
/// </summary>
/// <param name="Network">The preset's name.</param>
/// <param name="SpecJson">The preset as <c>NetworkSpec.ToJson()</c> writes it (Python builds its network from this).</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Height">Image rows; null for sequences.</param>
/// <param name="Length">Sequence length or image width.</param>
/// <param name="Classes">2 = binary (one logit), else the number of classes.</param>
/// <param name="Rows">Rows in the data files.</param>
/// <param name="Epochs">Passes over the rows.</param>
/// <param name="BatchSize">Rows per training step.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="ScoringBatchSize">Rows per forward pass when scoring.</param>
/// <param name="WarmupBatches">Training steps of the untimed warm-up run, on a throwaway network.</param>
/// <param name="Threads">Intra-op threads for every implementation.</param>
/// <param name="Seed">Seed for weights, dropout and shuffling (each implementation's own generator).</param>
/// <param name="FeaturesPath">Raw little-endian float32, rows × channels × (height ×) length, channel-major.</param>
/// <param name="LabelsPath">Raw little-endian int32, one per row (0/1, or the class index).</param>
public sealed record PeerRunConfig(
    string Network, string SpecJson, int Channels, int? Height, int Length, int Classes, int Rows, int Epochs,
    int BatchSize, double LearningRate, int ScoringBatchSize, int WarmupBatches, int Threads, int Seed,
    string FeaturesPath, string LabelsPath)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    /// <summary>The input shape.</summary>
    public PeerInput Input => new(Channels, Height, Length, Classes);

    /// <summary>Writes the config as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options));

    /// <summary>Reads a config written by <see cref="Save"/>.</summary>
    public static PeerRunConfig Load(string path) =>
        JsonSerializer.Deserialize<PeerRunConfig>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"Empty run config: {path}");
}
