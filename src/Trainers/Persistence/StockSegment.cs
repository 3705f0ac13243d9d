using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The component (kind <c>mlnet</c>, role <c>model</c>) of consecutive stock ML.NET transformers,
/// saved together (with their scopes) as one ML.NET model by <c>ml.Model.Save</c>, with the schema
/// they see at that point of the chain. Loaded back as that chain, whose members join the model.
/// </summary>
internal sealed class StockSegment(int firstPosition) : ISavableComponent
{
    public const string Kind = "mlnet";

    public static ComponentLoader Loader { get; } = ComponentLoader.Fixed(Kind, 1, [ComponentRoles.Model],
        reader => reader.Decode(ComponentRoles.Model, content => Load(reader.Catalog, content)));

    /// <summary>The position of the first transformer in the flattened chain (for messages).</summary>
    public int FirstPosition { get; } = firstPosition;

    /// <summary>The transformers, in order, with their scopes.</summary>
    public List<ScopedTransformer> Transformers { get; } = [];

    public string ComponentKind => Kind;

    public int ComponentVersion => 1;

    /// <exception cref="NotSupportedException">ML.NET cannot save one of them (the message names their positions and types).</exception>
    public void Save(IComponentWriter writer)
    {
        var chain = new TransformerChain<ITransformer>(Transformers.Select(t => t.Transformer), Transformers.Select(t => t.Scope));
        using var buffer = new MemoryStream();
        try { writer.Catalog.Save(chain, writer.InputSchema, buffer); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            int last = FirstPosition + Transformers.Count - 1;
            throw new NotSupportedException($"Cnn.MLNet cannot save the stock ML.NET transformers at positions {FirstPosition} to {last} "
                + $"({string.Join(", ", Transformers.Select(t => TypeNames.Describe(t.Transformer.GetType())))}): ml.Model.Save failed: {e.Message}", e);
        }
        // A whole ML.NET model zip: compressed already where it pays.
        writer.Add(ComponentRoles.Model, "zip", buffer.ToArray(), compress: false);
    }

    // ML.NET reports bad models as InvalidOperationException, ArgumentException, FormatException or InvalidDataException.
    private static ITransformer Load(ModelOperationsCatalog catalog, byte[] content)
    {
        using var buffer = new MemoryStream(content, writable: false);
        try { return catalog.Load(buffer, out _); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidDataException)
        {
            throw new FormatException($"ml.Model.Load cannot read it: {e.Message}", e);
        }
    }
}
