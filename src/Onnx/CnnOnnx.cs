using Cnn.MLNet.Onnx.Export;
using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Trainers;
using Google.Protobuf;

namespace Cnn.MLNet.Onnx;

/// <summary>
/// Exports a trained <see cref="CnnModel"/> to ONNX (IR and opset in <see cref="OnnxVersions"/>):
/// the network rebuilt from its spec and weights, the task's scoring columns as graph outputs
/// named like ML.NET's (Score, Probability, PredictedLabel), and optionally the one-hot encoding,
/// so that stock ML.NET (<c>ApplyOnnxModel</c>) or ONNX Runtime alone can score the model.
/// </summary>
public static class CnnOnnx
{
    /// <summary>Writes the ONNX model to <paramref name="destination"/>.</summary>
    /// <exception cref="NotSupportedException">Something in the model or its encoding cannot be expressed in the chosen graph; the message says what.</exception>
    public static void Export(CnnModel model, Stream destination, CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        ToModelProto(model, options ?? new CnnOnnxExportOptions()).WriteTo(destination);
    }

    /// <summary>Writes the ONNX model to the file <paramref name="path"/> (through a temporary file, so a failure leaves no partial model).</summary>
    /// <exception cref="NotSupportedException">Something in the model or its encoding cannot be expressed in the chosen graph; the message says what.</exception>
    public static void Export(CnnModel model, string path, CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var proto = ToModelProto(model, options ?? new CnnOnnxExportOptions());
        AtomicFile.Write(path, proto.WriteTo);
    }

    /// <summary>The ONNX model as bytes.</summary>
    public static byte[] ToBytes(CnnModel model, CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToModelProto(model, options ?? new CnnOnnxExportOptions()).ToByteArray();
    }

    /// <summary>
    /// Writes an averaged ensemble of <paramref name="members"/> (e.g. Cnn.MLNet's <c>CnnEnsemble.MemberNetworks</c>, their
    /// <c>Model</c>s) as ONE graph: each member's encoding and network under the name prefix <c>m{i}_</c>, and the average as
    /// graph nodes, with the outputs of a single model's export. Binary: Probability = mean of the members' probabilities,
    /// Score = its logit, PredictedLabel = Score &gt; 0; multiclass: Score = mean of the members' class probabilities,
    /// PredictedLabel = its 0-based arg-max; regression: Score = mean. With <see cref="OnnxInputKind.CharacterKeys"/> members
    /// may use different encodings (each encodes the characters itself); with <see cref="OnnxInputKind.Features"/> they must take
    /// the same feature vector.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 members, or members of different tasks or classes.</exception>
    /// <exception cref="NotSupportedException">The members or an encoding cannot be expressed in the chosen graph; the message says what.</exception>
    public static void ExportEnsemble(IReadOnlyList<CnnModel> members, string path, CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var proto = EnsembleOnnxWriter.ToModelProto(members, options ?? new CnnOnnxExportOptions());
        AtomicFile.Write(path, proto.WriteTo);
    }

    /// <summary>Writes the ensemble graph of <paramref name="members"/> to <paramref name="destination"/> (see the path overload).</summary>
    public static void ExportEnsemble(IReadOnlyList<CnnModel> members, Stream destination, CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(destination);
        EnsembleOnnxWriter.ToModelProto(members, options ?? new CnnOnnxExportOptions()).WriteTo(destination);
    }

    /// <summary>The ensemble graph of <paramref name="members"/> as bytes (see the path overload).</summary>
    public static byte[] EnsembleToBytes(IReadOnlyList<CnnModel> members, CnnOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        return EnsembleOnnxWriter.ToModelProto(members, options ?? new CnnOnnxExportOptions()).ToByteArray();
    }

    internal static ModelProto ToModelProto(CnnModel model, CnnOnnxExportOptions options)
    {
        var graph = new OnnxGraphBuilder(model.Spec.Name);
        string features;
        string batch;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cnn_mlnet.network"] = model.Spec.Name,
            ["cnn_mlnet.task"] = model.TaskKind.ToString(),
            ["cnn_mlnet.input"] = model.Input.ToString(),
            ["cnn_mlnet.input_kind"] = options.Input.ToString(),
        };
        switch (options.Input)
        {
            case OnnxInputKind.Features:
                batch = "N";
                features = graph.Input(options.InputName ?? "Features", TensorProto.Types.DataType.Float, batch, (long)model.Input.Size);
                break;
            case OnnxInputKind.CharacterKeys:
                var encoding = model.Input.Encoding
                    ?? throw new NotSupportedException($"ONNX export: OnnxInputKind.CharacterKeys needs a sequence model with a one-hot encoding; this model takes {(model.Input.IsImage ? "images" : "plain feature vectors")} of {model.Input}. Export with OnnxInputKind.Features.");
                batch = "1"; // ML.NET's OnnxTransformer feeds one row per run: [1, n] characters.
                string codes = graph.Input(options.InputName ?? "Tokens", TensorProto.Types.DataType.Uint16, 1L, "n");
                features = SequenceEncodingOnnxWriter.Write(graph, encoding, codes, options);
                metadata["cnn_mlnet.tokenizer_markers"] = options.TokenizerMarkers ? "true" : "false";
                metadata["cnn_mlnet.encoding"] = encoding.ToJson();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Input, "Unknown OnnxInputKind.");
        }
        string raw = ModelOnnxWriter.Write(graph, model, features);
        TaskOutputsOnnxWriter.Write(graph, model, raw, batch == "1" ? 1L : batch);
        return graph.Build($"Cnn.MLNet {model.TaskKind} model '{model.Spec.Name}' on {model.Input}.", metadata);
    }
}
