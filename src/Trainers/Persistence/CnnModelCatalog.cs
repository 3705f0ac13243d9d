using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet;

/// <summary>
/// Saves and loads whole fitted Cnn.MLNet pipelines, <c>ml.Model.SaveCnn(…)</c> and
/// <c>ml.Model.LoadCnn(…)</c>: <c>ml.Model.Save</c> cannot store third-party transformers, so a
/// Cnn.MLNet model file is a zip holding a manifest, the input schema, stock ML.NET transformers
/// (saved by ML.NET itself) and Cnn.MLNet's own transformers: sequence encoders, CNNs
/// (configuration and TorchSharp weights), ensembles, feature maps and attributions (their
/// options and their network). A reloaded model scores bit-identically to the saved one on the same device.
/// </summary>
/// <example><code>
/// ml.Model.SaveCnn(model, data.Schema, "model.zip");
/// var loaded = ml.Model.LoadCnn("model.zip", out var inputSchema);
/// </code></example>
public static class CnnModelCatalog
{
    /// <summary>
    /// Saves <paramref name="model"/> to a file, atomically: the file is written in full under a
    /// temporary name and then renamed, so a failure never leaves a damaged file or destroys an
    /// existing one.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>ml.Model</c>).</param>
    /// <param name="model">A fitted chain or single transformer: stock ML.NET transformers (not CustomMapping) and Cnn.MLNet's sequence encoders, CNNs, ensembles, feature-map and attribution transformers, with nested chains flattened.</param>
    /// <param name="inputSchema">The schema of the data the model is applied to, e.g. <c>data.Schema</c>.</param>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <exception cref="NotSupportedException">A transformer cannot be saved (e.g. a CustomMapping); the message names its type and position. Nothing is written.</exception>
    /// <exception cref="ArgumentException">The model does not accept <paramref name="inputSchema"/>.</exception>
    public static void SaveCnn(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var writer = Prepare(catalog, model, inputSchema);
        AtomicFile.Write(path, writer.WriteTo);
    }

    /// <summary>Saves <paramref name="model"/> to <paramref name="stream"/>, which is left open.</summary>
    /// <param name="catalog">The model operations catalog (<c>ml.Model</c>).</param>
    /// <param name="model">A fitted chain or single transformer (see the path overload).</param>
    /// <param name="inputSchema">The schema of the data the model is applied to.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="NotSupportedException">A transformer cannot be saved; nothing is written.</exception>
    /// <exception cref="ArgumentException">The model does not accept <paramref name="inputSchema"/>.</exception>
    public static void SaveCnn(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Prepare(catalog, model, inputSchema).WriteTo(stream);
    }

    /// <summary>Loads a model saved by <see cref="SaveCnn(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>.</summary>
    /// <param name="catalog">The model operations catalog (<c>ml.Model</c>); its MLContext's device settings decide where networks run.</param>
    /// <param name="path">The model file.</param>
    /// <param name="inputSchema">The schema the model was saved with.</param>
    /// <returns>The model as a <c>TransformerChain&lt;ITransformer&gt;</c>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a Cnn.MLNet model, was written by a newer format version, or is truncated,
    /// corrupt or tampered with; the message names the file and, where it applies, the entry.
    /// </exception>
    public static ITransformer LoadCnn(this ModelOperationsCatalog catalog, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return CnnModelReader.Load(catalog, stream, $"'{path}'", out inputSchema);
    }

    /// <summary>Loads a model saved by <see cref="SaveCnn(ModelOperationsCatalog, ITransformer, DataViewSchema, Stream)"/> from a stream (left open).</summary>
    /// <param name="catalog">The model operations catalog (<c>ml.Model</c>).</param>
    /// <param name="stream">A readable stream positioned at the model.</param>
    /// <param name="inputSchema">The schema the model was saved with.</param>
    /// <returns>The model as a <c>TransformerChain&lt;ITransformer&gt;</c>.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold a readable Cnn.MLNet model (see the path overload).</exception>
    public static ITransformer LoadCnn(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        return CnnModelReader.Load(catalog, stream, ModelFileErrors.Describe(stream), out inputSchema);
    }

    private static CnnModelWriter Prepare(ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        return CnnModelWriter.Prepare(catalog, model, inputSchema);
    }
}
