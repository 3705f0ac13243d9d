using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The model's input schema, stored the way ML.NET stores one: an empty transformer chain saved
/// by <c>ml.Model.Save</c> with the schema, which <c>ml.Model.Load</c> hands back.
/// </summary>
internal static class InputSchemaCodec
{
    public static byte[] Save(ModelOperationsCatalog catalog, DataViewSchema schema)
    {
        using var buffer = new MemoryStream();
        catalog.Save(new TransformerChain<ITransformer>(), schema, buffer);
        return buffer.ToArray();
    }

    /// <exception cref="FormatException">The entry holds no schema.</exception>
    public static DataViewSchema Load(ModelOperationsCatalog catalog, byte[] content)
    {
        using var buffer = new MemoryStream(content, writable: false);
        catalog.Load(buffer, out var schema);
        return schema ?? throw new FormatException("the input schema entry holds no schema.");
    }
}
