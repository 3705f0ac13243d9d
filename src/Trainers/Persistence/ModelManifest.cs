using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// <c>manifest.json</c>, the first entry of a model file: what the file is, who wrote it, the
/// input schema's entry, the components in chain order (each with its kind, scope and entries by
/// role), and every entry's length and SHA-256. Only entries listed here are ever read.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="FormatVersion">The container format version (<see cref="CurrentFormatVersion"/>).</param>
/// <param name="WrittenBy">The library that wrote the file, e.g. "Cnn.MLNet 0.1.0".</param>
/// <param name="InputSchema">The entry holding the model's input schema.</param>
/// <param name="Components">The chain's components in order.</param>
/// <param name="Entries">Every component entry and the input schema entry, with length and checksum.</param>
internal sealed record ModelManifest(
    [property: JsonRequired] string Format,
    [property: JsonRequired] int FormatVersion,
    [property: JsonRequired] string WrittenBy,
    [property: JsonRequired] string InputSchema,
    [property: JsonRequired] IReadOnlyList<ManifestComponent> Components,
    [property: JsonRequired] IReadOnlyList<ManifestEntry> Entries)
{
    public const string FormatName = "Cnn.MLNet model";

    /// <summary>
    /// The newest container format this build reads. 1: components without versions (Cnn.MLNet
    /// 0.1.0). 2: a component may carry a <see cref="ManifestComponent.Version"/> above 1. Files
    /// whose components are all version 1 are still written as format 1 (<see cref="FormatVersionFor"/>),
    /// so older builds read them unless they hold a kind those builds lack.
    /// </summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>The format version a file of <paramref name="components"/> needs: 2 when one carries a version, else 1.</summary>
    public static int FormatVersionFor(IEnumerable<ManifestComponent> components) =>
        components.Any(c => c.Version != null) ? 2 : 1;

    /// <summary>"Cnn.MLNet" and this library's version, as recorded in <see cref="WrittenBy"/>.</summary>
    public static string LibraryVersion { get; } = "Cnn.MLNet " + (typeof(ModelManifest).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ModelManifest).Assembly.GetName().Version?.ToString() ?? "unknown");

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, StrictJson.Indented);

    /// <summary>
    /// Reads a manifest: first only its header (so that a file of another format or a newer
    /// version is reported as such even when the rest has changed shape), then the whole of it strictly.
    /// </summary>
    /// <exception cref="InvalidDataException">Not our format, another version, or malformed; the message names <paramref name="source"/>.</exception>
    public static ModelManifest Read(byte[] json, string source)
    {
        Header? header;
        try { header = JsonSerializer.Deserialize<Header>(json, Lenient); }
        catch (JsonException e) { throw ModelFileErrors.NotOurFormat(source, $"its manifest.json is not valid JSON ({e.Message})"); }
        if (header?.Format != FormatName)
            throw ModelFileErrors.NotOurFormat(source, $"its manifest.json names the format '{header?.Format}', not '{FormatName}'");
        if (header.FormatVersion > CurrentFormatVersion)
            throw ModelFileErrors.NewerVersion(source, header.FormatVersion, header.WrittenBy ?? "unknown version", CurrentFormatVersion);
        if (header.FormatVersion < 1)
            throw ModelFileErrors.Corrupt(source, $"its manifest has the invalid format version {header.FormatVersion}");

        ModelManifest? manifest;
        try { manifest = JsonSerializer.Deserialize<ModelManifest>(json, StrictJson.Indented); }
        catch (JsonException e) { throw ModelFileErrors.Corrupt(source, "its manifest.json is malformed", e); }
        return manifest ?? throw ModelFileErrors.Corrupt(source, "its manifest.json is empty");
    }

    private sealed record Header(string? Format, int FormatVersion, string? WrittenBy);

    private static readonly JsonSerializerOptions Lenient = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

}

/// <summary>One component of the chain.</summary>
/// <param name="Kind">What it is; selects the loader (<see cref="ComponentRegistry"/>).</param>
/// <param name="Scope">Its <see cref="TransformerScope"/> in the chain (for a stock segment, combined with the scopes saved inside it).</param>
/// <param name="Entries">Its entries by role (e.g. "config" → "02-cnn.json").</param>
/// <param name="Version">
/// The version of its entries (<c>ISavableComponent.ComponentVersion</c>); absent means 1 (always
/// so in format version 1, and written only when above 1).
/// </param>
internal sealed record ManifestComponent(
    [property: JsonRequired] string Kind,
    [property: JsonRequired] TransformerScope Scope,
    [property: JsonRequired] IReadOnlyDictionary<string, string> Entries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version = null);

/// <summary>One entry of the file, with what it must hold.</summary>
/// <param name="Name">The entry name (<see cref="EntryNames"/>).</param>
/// <param name="Length">Its uncompressed length in bytes.</param>
/// <param name="Sha256">The SHA-256 of its content, lowercase hex.</param>
internal sealed record ManifestEntry(
    [property: JsonRequired] string Name,
    [property: JsonRequired] long Length,
    [property: JsonRequired] string Sha256);
