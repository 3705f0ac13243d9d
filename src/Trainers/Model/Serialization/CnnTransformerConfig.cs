using System.Text.Json;
using System.Text.Json.Serialization;
using Cnn.MLNet.Transforms.Serialization;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// What a saved CNN transformer needs besides its weights, as strict JSON: every field is
/// required (null where it does not apply), unknown fields and other format versions are
/// rejected. The network and encoding specs are embedded as their own versioned JSON objects.
/// </summary>
internal sealed record CnnTransformerConfig(
    [property: JsonRequired] int FormatVersion,
    [property: JsonRequired] string WeightsFormat,
    [property: JsonRequired] string FeatureColumnName,
    [property: JsonRequired] int ScoringBatchSize,
    [property: JsonRequired] TaskConfig Task,
    [property: JsonRequired] InputConfig Input,
    [property: JsonRequired] JsonElement Network)
{
    /// <summary>The format version this build writes and the only one it reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>
    /// Scoring averages both strands. Written only when true, so other models' files are unchanged
    /// and an earlier build refuses such a model (unknown field) instead of scoring one strand.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReverseComplementAverage { get; init; }

    /// <summary>The weights encoding this build writes and reads (see <see cref="NetworkWeights"/>).</summary>
    public const string CurrentWeightsFormat = NetworkWeights.Format;

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, StrictJson.Indented);

    /// <exception cref="FormatException">Malformed, incomplete, or of another format version.</exception>
    public static CnnTransformerConfig FromUtf8(byte[] json)
    {
        CnnTransformerConfig? config;
        try { config = JsonSerializer.Deserialize<CnnTransformerConfig>(json, StrictJson.Indented); }
        catch (JsonException e) { throw new FormatException($"Not a valid Cnn model configuration: {e.Message}", e); }
        if (config == null) throw new FormatException("Not a valid Cnn model configuration: it is empty (null).");
        if (config.FormatVersion != CurrentFormatVersion)
            throw new FormatException($"Cnn model configuration format version {config.FormatVersion} is not supported by this build (it reads version {CurrentFormatVersion}).");
        if (config.WeightsFormat != CurrentWeightsFormat)
            throw new FormatException($"Cnn model weights format '{config.WeightsFormat}' is not supported by this build (it reads '{CurrentWeightsFormat}').");
        if (config.Task is null || config.Input is null || config.FeatureColumnName is null || config.ScoringBatchSize < 1)
            throw new FormatException("Not a valid Cnn model configuration: the task, input or feature column is missing, or the scoring batch size is below 1.");
        return config;
    }

}

/// <summary>The task and what it needs to score (class names, target kinds) and, harmlessly, to train (weights).</summary>
internal sealed record TaskConfig(
    [property: JsonRequired] CnnTaskKind Kind,
    [property: JsonRequired] int Outputs,
    [property: JsonRequired] float? PositiveWeight,
    [property: JsonRequired] IReadOnlyList<string>? ClassNames,
    [property: JsonRequired] IReadOnlyList<float>? ClassWeights,
    [property: JsonRequired] IReadOnlyList<TargetKind>? Targets,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TrackTaskConfig? Tracks = null);

/// <summary>
/// A track task's layout and loss (profile and binned-track models only; written only for them, so
/// other models' files are unchanged and an earlier build refuses a track model by its unknown field).
/// </summary>
internal sealed record TrackTaskConfig(
    [property: JsonRequired] int Tracks,
    [property: JsonRequired] int Positions,
    [property: JsonRequired] bool Stranded,
    [property: JsonRequired] float? CountWeight,
    [property: JsonRequired] TrackLoss? Loss);

/// <summary>
/// The network's input: channels × length, and the sequence encoding spec when there is one;
/// images add their height (Length is then the width). Height is written only for images, so
/// sequence models are byte-for-byte what earlier builds wrote, and an earlier build refuses an
/// image model (unknown field) instead of misreading it.
/// </summary>
internal sealed record InputConfig(
    [property: JsonRequired] int Channels,
    [property: JsonRequired] int Length,
    [property: JsonRequired] JsonElement? Encoding)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Height { get; init; }
}
