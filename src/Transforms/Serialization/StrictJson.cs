using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cnn.MLNet.Transforms.Serialization;

/// <summary>
/// The JSON settings of everything Cnn.MLNet saves (network specs, model configurations, model
/// manifests): camelCase names, enums as names, and strict reading — unknown properties,
/// missing required ones and nulls where none are allowed are errors, so a damaged or foreign
/// file is refused rather than half-read.
/// </summary>
internal static class StrictJson
{
    /// <summary>Strict and compact (for JSON embedded in other JSON or in annotations).</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Strict and indented (for files people may open).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>
    /// Reads a saved configuration strictly (indented settings); <paramref name="what"/> names it
    /// in messages, e.g. "ensemble configuration".
    /// </summary>
    /// <exception cref="FormatException">The JSON is malformed, does not fit <typeparamref name="T"/>, or is null.</exception>
    public static T Read<T>(byte[] content, string what) where T : class
    {
        T? saved;
        try { saved = JsonSerializer.Deserialize<T>(content, Indented); }
        catch (JsonException e) { throw new FormatException($"Not a valid {what}: {e.Message}", e); }
        return saved ?? throw new FormatException($"The {what} is empty (null).");
    }

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        WriteIndented = indented,
    };
}
