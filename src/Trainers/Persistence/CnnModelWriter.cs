using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Turns a fitted model into the entries of a model file, entirely in memory, so that every
/// failure (an unsupported transformer, a stock segment ML.NET cannot save) happens before any
/// byte is written. Each component writes its own entries (<see cref="Transforms.Serialization.ISavableComponent"/>).
/// </summary>
internal sealed class CnnModelWriter
{
    private readonly int _formatVersion;
    private readonly IReadOnlyList<ManifestComponent> _components;
    private readonly IReadOnlyList<ArchiveEntry> _entries;

    private CnnModelWriter(int formatVersion, IReadOnlyList<ManifestComponent> components, IReadOnlyList<ArchiveEntry> entries)
    {
        _formatVersion = formatVersion;
        _components = components;
        _entries = entries;
    }

    /// <exception cref="NotSupportedException">A component cannot be saved (the message names its type and position).</exception>
    /// <exception cref="ArgumentException">The model does not accept <paramref name="inputSchema"/>.</exception>
    public static CnnModelWriter Prepare(ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema)
    {
        var planned = ComponentPlanner.Plan(ChainFlattener.Flatten(model), inputSchema);
        var entries = new List<ArchiveEntry> { new(EntryNames.InputSchema, InputSchemaCodec.Save(catalog, inputSchema), Compress: false) };
        var components = new List<ManifestComponent>();
        for (int index = 0; index < planned.Count; index++)
        {
            var (component, scope, componentInput, _) = planned[index];
            var writer = new ComponentWriter(catalog, componentInput, index, component.ComponentKind, entries);
            component.Save(writer);
            // Version 1 is left out, so that files of version-1 components stay readable by builds before component versions.
            int? version = component.ComponentVersion > 1 ? component.ComponentVersion : null;
            components.Add(new ManifestComponent(component.ComponentKind, scope, writer.Roles.ToDictionary(), version));
        }
        return new CnnModelWriter(ModelManifest.FormatVersionFor(components), components, entries);
    }

    /// <summary>Writes the model file to <paramref name="stream"/> (left open).</summary>
    public void WriteTo(Stream stream) => ModelArchiveWriter.Write(stream, _formatVersion, EntryNames.InputSchema, _components, _entries);
}
