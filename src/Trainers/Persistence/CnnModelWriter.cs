using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Turns a fitted model into the entries of a model file, entirely in memory, so that every
/// failure (an unsupported transformer, a stock segment ML.NET cannot save) happens before any
/// byte is written.
/// </summary>
internal sealed class CnnModelWriter
{
    private readonly string _inputSchemaEntry;
    private readonly IReadOnlyList<ManifestComponent> _components;
    private readonly IReadOnlyList<ArchiveEntry> _entries;

    private CnnModelWriter(string inputSchemaEntry, IReadOnlyList<ManifestComponent> components, IReadOnlyList<ArchiveEntry> entries)
    {
        _inputSchemaEntry = inputSchemaEntry;
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
            var component = planned[index];
            var roles = new Dictionary<string, string>();
            void Add(string role, string suffix, byte[] content, bool compress)
            {
                string name = EntryNames.ForComponent(index, component.Kind, suffix);
                roles.Add(role, name);
                entries.Add(new ArchiveEntry(name, content, compress));
            }

            var scope = TransformerScope.Everything;
            switch (component.Kind)
            {
                case ComponentKinds.MLNet:
                    Add(ComponentKinds.Model, "zip", StockSegmentCodec.Save(catalog, component), compress: false);
                    break;
                case ComponentKinds.OneHotSequence:
                    Add(ComponentKinds.Config, "json", OneHotSequenceCodec.Save((OneHotSequenceTransformer)component.Transformers[0].Transformer), compress: true);
                    scope = component.Transformers[0].Scope;
                    break;
                case ComponentKinds.Cnn:
                    var (config, weights) = CnnComponentCodec.Save((CnnPredictionTransformer)component.Transformers[0].Transformer);
                    Add(ComponentKinds.Config, "json", config, compress: true);
                    Add(ComponentKinds.Weights, "weights", weights, compress: false);
                    scope = component.Transformers[0].Scope;
                    break;
                case ComponentKinds.Ensemble:
                    var (ensembleConfig, members) = EnsembleCodec.Save(catalog, (CnnEnsemble)component.Transformers[0].Transformer, component.InputSchema);
                    Add(ComponentKinds.Config, "json", ensembleConfig, compress: true);
                    // Each member is a whole model file, already compressed where it pays.
                    for (int m = 0; m < members.Count; m++) Add(ComponentKinds.Member(m), $"member{m}.zip", members[m], compress: false);
                    scope = component.Transformers[0].Scope;
                    break;
            }
            components.Add(new ManifestComponent(component.Kind, scope, roles));
        }
        return new CnnModelWriter(EntryNames.InputSchema, components, entries);
    }

    /// <summary>Writes the model file to <paramref name="stream"/> (left open).</summary>
    public void WriteTo(Stream stream) => ModelArchiveWriter.Write(stream, _inputSchemaEntry, _components, _entries);
}
