using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Consecutive stock ML.NET transformers, saved together (with their scopes) as one ML.NET model
/// by <c>ml.Model.Save</c>, with the schema they see at that point of the chain.
/// </summary>
internal static class StockSegmentCodec
{
    /// <exception cref="NotSupportedException">ML.NET cannot save one of them (the message names their positions and types).</exception>
    public static byte[] Save(ModelOperationsCatalog catalog, PlannedComponent segment)
    {
        var chain = new TransformerChain<ITransformer>(segment.Transformers.Select(t => t.Transformer), segment.Transformers.Select(t => t.Scope));
        using var buffer = new MemoryStream();
        try { catalog.Save(chain, segment.InputSchema, buffer); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            int last = segment.FirstPosition + segment.Transformers.Count - 1;
            throw new NotSupportedException($"Cnn.MLNet cannot save the stock ML.NET transformers at positions {segment.FirstPosition} to {last} "
                + $"({string.Join(", ", segment.Transformers.Select(t => TypeNames.Describe(t.Transformer.GetType())))}): ml.Model.Save failed: {e.Message}", e);
        }
        return buffer.ToArray();
    }

    public static List<ScopedTransformer> Load(ModelOperationsCatalog catalog, byte[] content)
    {
        using var buffer = new MemoryStream(content, writable: false);
        return ChainFlattener.Flatten(catalog.Load(buffer, out _));
    }
}
