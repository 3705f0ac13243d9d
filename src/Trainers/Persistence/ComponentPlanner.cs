using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A component of a model file: one of our transformers, or a run of consecutive stock ML.NET
/// transformers, with the schema it sees (needed by <c>ml.Model.Save</c>) and the position of its
/// first transformer in the flattened chain (for messages).
/// </summary>
internal sealed record PlannedComponent(string Kind, IReadOnlyList<ScopedTransformer> Transformers, DataViewSchema InputSchema, int FirstPosition);

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
            string kind = KindOf(item.Transformer, position);
            if (kind == ComponentKinds.MLNet && components.Count > 0 && components[^1].Kind == ComponentKinds.MLNet)
                components[^1] = components[^1] with { Transformers = [.. components[^1].Transformers, item] };
            else
                components.Add(new PlannedComponent(kind, [item], schema, position));

            try { schema = item.Transformer.GetOutputSchema(schema); }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The model does not accept the given input schema: the transformer at position {position} "
                    + $"({TypeNames.Describe(item.Transformer.GetType())}) fails on it: {e.Message}", nameof(inputSchema), e);
            }
        }
        return components;
    }

    private static string KindOf(ITransformer transformer, int position)
    {
        switch (transformer)
        {
            case OneHotSequenceTransformer: return ComponentKinds.OneHotSequence;
            case CnnPredictionTransformer: return ComponentKinds.Cnn;
            case CnnEnsemble: return ComponentKinds.Ensemble;
        }
        var type = transformer.GetType();
        string name = (type.IsGenericType ? type.GetGenericTypeDefinition() : type).Name.Split('`')[0];
        if (name is "CustomMappingTransformer" or "StatefulCustomMappingTransformer")
            throw ModelFileErrors.UnsupportedComponent(position, transformer,
                "a custom mapping runs your own code, which a model file cannot carry. Replace it with stock ML.NET transforms, "
                + "or apply it to the data before the saved model.");
        if (type.Assembly.GetName().Name?.StartsWith("Microsoft.ML", StringComparison.Ordinal) == true) return ComponentKinds.MLNet;
        throw ModelFileErrors.UnsupportedComponent(position, transformer,
            "only stock ML.NET transformers, OneHotSequenceTransformer, CnnPredictionTransformer and CnnEnsemble can be saved.");
    }
}
