using Cnn.MLNet.Transforms.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A component of a model file: one of our transformers, or a <see cref="StockSegment"/> of
/// consecutive stock ML.NET transformers, with its scope in the chain (a stock segment keeps its
/// scopes inside), the schema it sees (needed by <c>ml.Model.Save</c> and nested model files) and
/// the position of its first transformer in the flattened chain (for messages).
/// </summary>
internal sealed record PlannedComponent(ISavableComponent Component, TransformerScope Scope, DataViewSchema InputSchema, int FirstPosition);

/// <summary>Splits a flattened chain into components, failing before anything is written when a transformer cannot be saved.</summary>
internal static class ComponentPlanner
{
    /// <exception cref="NotSupportedException">A transformer is neither a stock ML.NET transformer nor one of ours (the message names its type and position).</exception>
    /// <exception cref="ArgumentException">The model does not accept <paramref name="inputSchema"/>.</exception>
    public static List<PlannedComponent> Plan(IReadOnlyList<ScopedTransformer> transformers, DataViewSchema inputSchema)
    {
        var components = new List<PlannedComponent>();
        var schema = inputSchema;
        for (int position = 0; position < transformers.Count; position++)
        {
            var item = transformers[position];
            if (item.Transformer is ISavableComponent ours)
            {
                ComponentRegistry.Require(ours);
                components.Add(new PlannedComponent(ours, item.Scope, schema, position));
            }
            else
            {
                CheckStock(item.Transformer, position);
                if (components.Count == 0 || components[^1].Component is not StockSegment)
                    components.Add(new PlannedComponent(new StockSegment(position), TransformerScope.Everything, schema, position));
                ((StockSegment)components[^1].Component).Transformers.Add(item);
            }

            try { schema = item.Transformer.GetOutputSchema(schema); }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The model does not accept the given input schema: the transformer at position {position} "
                    + $"({TypeNames.Describe(item.Transformer.GetType())}) fails on it: {e.Message}", nameof(inputSchema), e);
            }
        }
        return components;
    }

    private static void CheckStock(ITransformer transformer, int position)
    {
        var type = transformer.GetType();
        string name = (type.IsGenericType ? type.GetGenericTypeDefinition() : type).Name.Split('`')[0];
        if (name is "CustomMappingTransformer" or "StatefulCustomMappingTransformer")
            throw ModelFileErrors.UnsupportedComponent(position, transformer,
                "a custom mapping runs your own code, which a model file cannot carry. Replace it with stock ML.NET transforms, "
                + "or apply it to the data before the saved model.");
        if (type.Assembly.GetName().Name?.StartsWith("Microsoft.ML", StringComparison.Ordinal) != true)
            throw ModelFileErrors.UnsupportedComponent(position, transformer,
                "only stock ML.NET transformers and Cnn.MLNet's own transformers (OneHotSequenceTransformer, CnnPredictionTransformer, CnnEnsemble, "
                + "FeatureMapTransformer, AttributionTransformer) can be saved.");
    }
}
