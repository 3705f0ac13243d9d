using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// An averaged ensemble as one graph: one shared input, each member's subgraph under the name
/// prefix <c>m{i}_</c> (its own one-hot encoding for character input, then its network), and the
/// averaging as graph nodes (<see cref="EnsembleOutputsOnnxWriter"/>). The outputs are named and
/// typed like a single model's export, so consumers need not know it is an ensemble.
/// </summary>
internal static class EnsembleOnnxWriter
{
    public static ModelProto ToModelProto(IReadOnlyList<CnnModel> members, CnnOnnxExportOptions options)
    {
        Check(members, options);
        var first = members[0];
        string names = string.Join(", ", members.Select(m => m.Spec.Name));
        var graph = new OnnxGraphBuilder($"ensemble({names})");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cnn_mlnet.network"] = $"ensemble({names})",
            ["cnn_mlnet.task"] = first.TaskKind.ToString(),
            ["cnn_mlnet.input_kind"] = options.Input.ToString(),
            ["cnn_mlnet.ensemble_members"] = members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        object batch;
        string input;
        if (options.Input == OnnxInputKind.Features)
        {
            batch = "N";
            input = graph.Input(options.InputName ?? "Features", TensorProto.Types.DataType.Float, batch, (long)first.Input.Size);
            metadata["cnn_mlnet.input"] = first.Input.ToString();
        }
        else
        {
            batch = 1L; // ML.NET's OnnxTransformer feeds one row per run: [1, n] characters.
            input = graph.Input(options.InputName ?? "Tokens", TensorProto.Types.DataType.Uint16, 1L, "n");
            metadata["cnn_mlnet.tokenizer_markers"] = options.TokenizerMarkers ? "true" : "false";
        }

        var raws = new List<string>();
        bool unknownDeclared = false;
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            metadata[$"cnn_mlnet.member{i}.network"] = member.Spec.Name;
            metadata[$"cnn_mlnet.member{i}.input"] = member.Input.ToString();
            using var scope = graph.Prefixed($"m{i}_");
            string features = input;
            if (options.Input == OnnxInputKind.CharacterKeys)
            {
                var encoding = member.Input.Encoding!;
                // Every member's encoder would count the same characters of the same sequence: one output is enough.
                bool declare = !unknownDeclared && SequenceEncodingOnnxWriter.CountsUnknown(encoding);
                features = SequenceEncodingOnnxWriter.Write(graph, encoding, input, options, declare);
                unknownDeclared |= declare;
                metadata[$"cnn_mlnet.member{i}.encoding"] = encoding.ToJson();
            }
            raws.Add(ModelOnnxWriter.Write(graph, member, features));
        }
        EnsembleOutputsOnnxWriter.Write(graph, first, raws, batch);
        return graph.Build($"Cnn.MLNet averaged ensemble of {members.Count} {first.TaskKind} models ({names}).", metadata);
    }

    private static void Check(IReadOnlyList<CnnModel> members, CnnOnnxExportOptions options)
    {
        if (members.Count < 2)
            throw new ArgumentException($"ONNX export: an ensemble needs at least 2 members; {members.Count} given. Export a single model with CnnOnnx.Export.", nameof(members));
        var first = members[0];
        if (first.TaskKind is not (CnnTaskKind.BinaryClassification or CnnTaskKind.MulticlassClassification or CnnTaskKind.Regression))
            throw new NotSupportedException($"ONNX export: ensembles of {first.TaskKind} models cannot be exported; ensembles average binary, multiclass or regression models.");
        for (int i = 1; i < members.Count; i++)
        {
            var member = members[i];
            if (member.TaskKind != first.TaskKind)
                throw new ArgumentException($"ONNX export: ensemble member {i} is a {member.TaskKind} model but member 0 is a {first.TaskKind} model.", nameof(members));
            if (first.TaskKind == CnnTaskKind.MulticlassClassification
                && (member.Outputs != first.Outputs || !(member.ClassNames ?? []).SequenceEqual(first.ClassNames ?? [], StringComparer.Ordinal)))
                throw new ArgumentException($"ONNX export: ensemble member {i} predicts the classes [{string.Join(", ", member.ClassNames ?? [])}] but member 0 predicts "
                    + $"[{string.Join(", ", first.ClassNames ?? [])}]; members must have the same classes in the same order.", nameof(members));
        }
        switch (options.Input)
        {
            case OnnxInputKind.Features:
                if (members.Skip(1).FirstOrDefault(m => !m.Input.Equals(first.Input)) is { } other)
                    throw new NotSupportedException($"ONNX export: the ensemble's members take different feature vectors (member 0: {first.Input}; member {IndexOf(members, other)}: {other.Input}), "
                        + "so one Features input cannot feed them all. Export sequence ensembles with OnnxInputKind.CharacterKeys, where each member encodes the characters itself.");
                break;
            case OnnxInputKind.CharacterKeys:
                if (members.FirstOrDefault(m => m.Input.Encoding == null) is { } plain)
                    throw new NotSupportedException($"ONNX export: OnnxInputKind.CharacterKeys needs sequence members with a one-hot encoding; member {IndexOf(members, plain)} takes "
                        + $"{(plain.Input.IsImage ? "images" : "plain feature vectors")} of {plain.Input}. Export with OnnxInputKind.Features.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Input, "Unknown OnnxInputKind.");
        }
    }

    private static int IndexOf(IReadOnlyList<CnnModel> members, CnnModel member) => members.ToList().IndexOf(member);
}
