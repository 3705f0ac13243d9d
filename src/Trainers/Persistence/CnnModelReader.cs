using System.Text.Json;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Rebuilds a model from a model file: the input schema, then each component in order (stock
/// segments through <c>ml.Model.Load</c>, ours from their entries), as one
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
        var roles = ComponentKinds.RolesOf(component.Kind, component.Entries.Keys)
            ?? throw ModelFileErrors.Corrupt(archive.Source, $"component {index} has the kind '{component.Kind}', which this build ({ModelManifest.LibraryVersion}) does not know");
        if (!roles.Order().SequenceEqual(component.Entries.Keys.Order()))
            throw ModelFileErrors.Corrupt(archive.Source, $"component {index} ({component.Kind}) has the entries [{string.Join(", ", component.Entries.Keys)}], "
                + $"not [{string.Join(", ", roles)}]");
        var content = roles.ToDictionary(role => role, role => archive.Read(component.Entries[role]));
        string source = archive.Source;

        return component.Kind switch
        {
            ComponentKinds.MLNet => Decode(source, index, component.Kind, () => StockSegmentCodec.Load(catalog, content[ComponentKinds.Model]))
                .Select(t => t with { Scope = t.Scope & component.Scope }),
            ComponentKinds.Ensemble => [new(Decode(source, index, component.Kind, () => EnsembleCodec.Load(catalog, content, component.Entries, source)), component.Scope)],
            ComponentKinds.OneHotSequence => [new(Decode(source, index, component.Kind, () => OneHotSequenceCodec.Load(content[ComponentKinds.Config])), component.Scope)],
            _ => [new(Decode(source, index, component.Kind, () => CnnComponentCodec.Load(
                HostEnvironmentAccess.FromCatalog(catalog), content[ComponentKinds.Config], content[ComponentKinds.Weights])), component.Scope)],
        };
    }

    // Content that passed its checksum but cannot be rebuilt: written wrongly, or by an incompatible build.
    // ML.NET reports bad models as InvalidOperationException or FormatException; our decoders as FormatException.
    private static T Decode<T>(string source, int index, string kind, Func<T> decode)
    {
        try { return decode(); }
        catch (Exception e) when (e is FormatException or JsonException or InvalidDataException
            || (kind is ComponentKinds.MLNet or InputSchemaPart && e is InvalidOperationException or ArgumentException))
        {
            throw index < 0
                ? ModelFileErrors.Corrupt(source, $"its {kind} cannot be read", e)
                : ModelFileErrors.ComponentUnreadable(source, index, kind, e);
        }
    }
}
