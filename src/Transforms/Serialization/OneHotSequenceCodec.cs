using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cnn.MLNet.Transforms.Serialization;

/// <summary>
/// The model-file component of a <see cref="OneHotSequenceTransformer"/> (kind
/// <c>oneHotSequence</c>, role <c>config</c>): its column names and its encoding spec (embedded
/// as the spec's own versioned JSON object).
/// </summary>
internal static class OneHotSequenceCodec
{
    public const string Kind = "oneHotSequence";
    public const int ComponentVersion = 1;
    private const int CurrentFormatVersion = 1;

    public static ComponentLoader Loader { get; } = ComponentLoader.Fixed(Kind, ComponentVersion, [ComponentRoles.Config],
        reader => reader.Decode(ComponentRoles.Config, Load));

    public static void Save(OneHotSequenceTransformer transformer, IComponentWriter writer) =>
        writer.Add(ComponentRoles.Config, "json", Save(transformer), compress: true);

    public static byte[] Save(OneHotSequenceTransformer transformer)
    {
        using var spec = JsonDocument.Parse(transformer.Spec.ToJson());
        return JsonSerializer.SerializeToUtf8Bytes(
            new Saved(CurrentFormatVersion, transformer.InputColumnName, transformer.OutputColumnName, spec.RootElement.Clone()), StrictJson.Indented);
    }

    /// <exception cref="FormatException">The JSON is malformed, of another version, or holds an invalid spec.</exception>
    public static OneHotSequenceTransformer Load(byte[] content)
    {
        var saved = StrictJson.Read<Saved>(content, "sequence encoder configuration");
        if (saved.FormatVersion != CurrentFormatVersion)
            throw new FormatException($"Sequence encoder configuration format version {saved.FormatVersion} is not supported (this build reads {CurrentFormatVersion}).");
        if (string.IsNullOrWhiteSpace(saved.InputColumnName) || string.IsNullOrWhiteSpace(saved.OutputColumnName))
            throw new FormatException("The sequence encoder configuration has an empty column name.");
        // OneHotSequenceTransformer.Create would need an MLContext, which a ModelOperationsCatalog does not expose
        // (ML.NET: no upstream report found as of 2026-12); the constructor it calls is the same, and the names were checked above.
        return new OneHotSequenceTransformer(SequenceEncodingSpec.FromJson(saved.Encoding.GetRawText()), saved.OutputColumnName, saved.InputColumnName);
    }

    private sealed record Saved(
        [property: JsonRequired] int FormatVersion,
        [property: JsonRequired] string InputColumnName,
        [property: JsonRequired] string OutputColumnName,
        [property: JsonRequired] JsonElement Encoding);
}
