using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Onnx;

/// <summary>
/// The scoring pipeline made only of stock ML.NET parts for an exported sequence model:
/// <c>ml.Transforms.Text.TokenizeIntoCharactersAsKeys</c> (the sequence's UTF-16 codes as keys)
/// → <c>ml.Transforms.ApplyOnnxModel</c> over a graph exported with
/// <see cref="OnnxInputKind.CharacterKeys"/>, which does the one-hot lookup, padding or truncation,
/// the network and the task's outputs. Saved with the plain <c>ml.Model.Save</c> (the ONNX bytes go
/// into the zip), it loads in an application that references only Microsoft.ML and
/// Microsoft.ML.OnnxTransformer (plus ONNX Runtime's native package): no TorchSharp, no Cnn.MLNet.
/// <para>
/// Output columns keep ML.NET's names (Score, Probability, PredictedLabel, and UnknownCharacters
/// when the export added it) but, as with any ONNX model in ML.NET, they are vectors: a binary
/// model's Score is a <c>Vector&lt;Single, 1, 1&gt;</c>; a multiclass PredictedLabel is the 0-based
/// class index (Int64), not ML.NET's 1-based key.
/// </para>
/// </summary>
public static class StockScoringPipeline
{
    /// <summary>The column the tokenizer writes and the graph reads.</summary>
    public const string TokensColumn = "Tokens";

    /// <summary>
    /// Exports <paramref name="model"/> to <paramref name="onnxPath"/> (character-key input) and returns
    /// the stock estimator chain over the text column <paramref name="sequenceColumn"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is not a sequence model, or its encoding cannot be expressed in a graph (the message says what).</exception>
    public static IEstimator<ITransformer> Create(MLContext ml, CnnModel model, string onnxPath, string sequenceColumn = "Sequence", CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        var export = Options(options);
        CnnOnnx.Export(model, onnxPath, export);
        return Create(ml, onnxPath, sequenceColumn, export.TokenizerMarkers);
    }

    /// <summary>The stock estimator chain over an already exported character-key graph at <paramref name="onnxPath"/>.</summary>
    /// <exception cref="ArgumentException">The file is not a graph exported with <see cref="OnnxInputKind.CharacterKeys"/>.</exception>
    public static IEstimator<ITransformer> Create(MLContext ml, string onnxPath, string sequenceColumn = "Sequence", bool tokenizerMarkers = true)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrWhiteSpace(sequenceColumn);
        var graph = ReadGraph(onnxPath);
        if (graph.Input.Count != 1 || graph.Input[0].Name != TokensColumn)
            throw new ArgumentException($"'{onnxPath}' does not take ML.NET character keys (its inputs: {string.Join(", ", graph.Input.Select(i => i.Name))}); export it with OnnxInputKind.CharacterKeys.", nameof(onnxPath));
        var outputs = graph.Output.Select(o => o.Name).ToArray();
        return ml.Transforms.Text.TokenizeIntoCharactersAsKeys(TokensColumn, sequenceColumn, useMarkerCharacters: tokenizerMarkers)
            .Append(ml.Transforms.ApplyOnnxModel(outputs, [TokensColumn], onnxPath));
    }

    /// <summary>
    /// Exports <paramref name="model"/> to <paramref name="onnxPath"/>, builds the stock pipeline and
    /// saves it, fitted, with <c>ml.Model.Save</c> to <paramref name="zipPath"/>. Nothing in the
    /// pipeline learns from data, so it is fitted on an empty view with one text column.
    /// </summary>
    public static void Save(MLContext ml, CnnModel model, string onnxPath, string zipPath, string sequenceColumn = "Sequence", CnnOnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zipPath);
        SaveFitted(ml, Create(ml, model, onnxPath, sequenceColumn, options), zipPath, sequenceColumn);
    }

    /// <summary>
    /// <see cref="Save"/> for an averaged ensemble: exports <paramref name="members"/> as one character-key graph
    /// (<see cref="CnnOnnx.ExportEnsemble(IReadOnlyList{CnnModel}, string, CnnOnnxExportOptions?)"/>) and saves the stock
    /// pipeline over it.
    /// </summary>
    /// <exception cref="NotSupportedException">A member is not a sequence model, or its encoding cannot be expressed in a graph.</exception>
    public static void SaveEnsemble(MLContext ml, IReadOnlyList<CnnModel> members, string onnxPath, string zipPath, string sequenceColumn = "Sequence", CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentException.ThrowIfNullOrWhiteSpace(zipPath);
        var export = Options(options);
        CnnOnnx.ExportEnsemble(members, onnxPath, export);
        SaveFitted(ml, Create(ml, onnxPath, sequenceColumn, export.TokenizerMarkers), zipPath, sequenceColumn);
    }

    private static void SaveFitted(MLContext ml, IEstimator<ITransformer> estimator, string zipPath, string sequenceColumn)
    {
        // Any name for the text column: the row class's one property renamed by a schema definition.
        var definition = SchemaDefinition.Create(typeof(TextRow));
        definition[0].ColumnName = sequenceColumn;
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<TextRow>(), definition);
        var fitted = estimator.Fit(empty);
        AtomicFile.Write(zipPath, stream => ml.Model.Save(fitted, empty.Schema, stream));
    }

    private static CnnOnnxExportOptions Options(CnnOnnxExportOptions? options) => new()
    {
        Input = OnnxInputKind.CharacterKeys,
        InputName = TokensColumn,
        TokenizerMarkers = options?.TokenizerMarkers ?? true,
        UnknownCharacters = options?.UnknownCharacters,
    };

    private static GraphProto ReadGraph(string onnxPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        try
        {
            using var stream = File.OpenRead(onnxPath);
            return ModelProto.Parser.ParseFrom(stream).Graph ?? throw new ArgumentException($"'{onnxPath}' holds no ONNX graph.", nameof(onnxPath));
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"'{onnxPath}' is not an ONNX model: {e.Message}", nameof(onnxPath), e);
        }
    }

    private sealed class TextRow
    {
        public string Sequence { get; set; } = "";
    }
}
