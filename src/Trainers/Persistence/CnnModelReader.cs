using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Rebuilds a model from a model file: the input schema, then each component in order by the
/// loader registered for its kind (<see cref="ComponentRegistry"/>), as one
/// <see cref="TransformerChain{TLastTransformer}"/> with the saved scopes.
/// </summary>
internal static class CnnModelReader
{
    private const string InputSchemaPart = "input schema";

    /// <exception cref="InvalidDataException">The file is not a readable model of this format (the message names <paramref name="source"/>).</exception>
    public static TransformerChain<ITransformer> Load(ModelOperationsCatalog catalog, Stream stream, string source, out DataViewSchema inputSchema)
    {
        using var archive = ModelArchiveReader.Open(stream, source);
        var manifest = archive.Manifest;
        var schemaEntry = archive.Read(manifest.InputSchema);
        inputSchema = Decode(source, -1, InputSchemaPart, () => InputSchemaCodec.Load(catalog, schemaEntry));

        var transformers = new List<ScopedTransformer>();
        try
        {
            for (int index = 0; index < manifest.Components.Count; index++)
                transformers.AddRange(LoadComponent(catalog, archive, index));
        }
        catch
        {
            foreach (var built in transformers) (built.Transformer as IDisposable)?.Dispose();
            throw;
        }
        var chain = new TransformerChain<ITransformer>(transformers.Select(t => t.Transformer), transformers.Select(t => t.Scope));
        try { chain.GetOutputSchema(inputSchema); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            foreach (var built in transformers) (built.Transformer as IDisposable)?.Dispose();
            throw ModelFileErrors.Corrupt(source, "the rebuilt model does not accept the input schema saved with it", e);
        }
        return chain;
    }

    private static IEnumerable<ScopedTransformer> LoadComponent(ModelOperationsCatalog catalog, ModelArchiveReader archive, int index)
    {
        var component = archive.Manifest.Components[index];
        string source = archive.Source, kind = component.Kind;
        var loader = ComponentRegistry.Find(kind) ?? throw ModelFileErrors.UnknownKind(source, index, kind, archive.Manifest.WrittenBy);
        int version = component.Version ?? 1;
        if (version < 1) throw ModelFileErrors.Corrupt(source, $"component {index} ({kind}) has the invalid version {version}");
        if (version > loader.Version) throw ModelFileErrors.NewerComponent(source, index, kind, version, loader.Version, archive.Manifest.WrittenBy);

        var listed = component.Entries.Keys.ToArray();
        var roles = loader.Roles(listed);
        if (!roles.Order(StringComparer.Ordinal).SequenceEqual(listed.Order(StringComparer.Ordinal)))
            throw ModelFileErrors.Corrupt(source, $"component {index} ({kind}) has the entries [{string.Join(", ", listed)}], not [{string.Join(", ", roles)}]");
        var content = roles.ToDictionary(role => role, role => archive.Read(component.Entries[role]));

        var reader = new ComponentReader(catalog, source, version, component.Entries, content);
        var transformer = Decode(source, index, kind, () => loader.Load(reader));
        // A loader may return a chain (a stock segment): its members join with their own scopes, narrowed by the component's.
        return ChainFlattener.Flatten(transformer).Select(t => t with { Scope = t.Scope & component.Scope });
    }

    // Content that passed its checksum but cannot be rebuilt: written wrongly, or by an incompatible build.
    // Loaders report it as FormatException (naming the entry) or InvalidDataException (nested model files);
    // ML.NET reports a bad input schema as InvalidOperationException or ArgumentException.
    private static T Decode<T>(string source, int index, string kind, Func<T> decode)
    {
        try { return decode(); }
        catch (Exception e) when (e is FormatException or JsonException or InvalidDataException
            || (kind is InputSchemaPart && e is InvalidOperationException or ArgumentException))
        {
            throw index < 0
                ? ModelFileErrors.Corrupt(source, $"its {kind} cannot be read", e)
                : ModelFileErrors.ComponentUnreadable(source, index, kind, e);
        }
    }
}
