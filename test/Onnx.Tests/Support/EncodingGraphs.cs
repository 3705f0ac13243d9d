using Cnn.MLNet.Onnx.Export;
using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Transforms;
using Cnn.MLNet.Transforms.OneHot;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Cnn.MLNet.Onnx.Tests.Support;

/// <summary>
/// Encoding-only ONNX graphs (input <c>Tokens</c> uint16 [1, "n"] → output <c>Encoded</c> float
/// [1, C × L]) and the reference encoding they must reproduce.
/// </summary>
internal static class EncodingGraphs
{
    public const string Input = "Tokens";
    public const string Output = "Encoded";

    /// <summary>The model bytes of the encoding of <paramref name="spec"/> alone.</summary>
    public static byte[] Build(SequenceEncodingSpec spec, CnnOnnxExportOptions options)
    {
        var graph = new OnnxGraphBuilder("encoding");
        string codes = graph.Input(Input, TensorProto.Types.DataType.Uint16, 1L, "n");
        string encoded = SequenceEncodingOnnxWriter.Write(graph, spec, codes, options);
        graph.Output(encoded, Output, TensorProto.Types.DataType.Float, 1L, (long)spec.VectorSize);
        return graph.Build("encoding only", new Dictionary<string, string>()).ToByteArray();
    }

    /// <summary>The characters as ML.NET's <c>TokenizeIntoCharactersAsKeys</c> gives them (raw key values).</summary>
    public static ushort[] Tokens(string sequence, bool markers) =>
        sequence.Length == 0 || !markers
            ? sequence.Select(c => (ushort)c).ToArray()
            : [0x02, .. sequence.Select(c => (ushort)c), 0x03];

    /// <summary>Runs the session on one sequence; returns every output by name.</summary>
    public static Dictionary<string, float[]> Run(InferenceSession session, string sequence, bool markers)
    {
        var tokens = Tokens(sequence, markers);
        using var input = OrtValue.CreateTensorValueFromMemory(tokens, [1, tokens.Length]);
        using var runOptions = new RunOptions();
        var names = session.OutputMetadata.Keys.ToArray();
        using var results = session.Run(runOptions, new Dictionary<string, OrtValue> { [Input] = input }, names);
        var outputs = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            outputs[names[i]] = results[i].GetTensorDataAsSpan<float>().ToArray();
        }
        return outputs;
    }

    /// <summary>Our encoder's output for <paramref name="sequence"/>; throws when the spec rejects it.</summary>
    public static float[] Reference(SequenceEncodingSpec spec, string sequence)
    {
        var destination = new float[spec.VectorSize];
        int bad = new SequenceWindowEncoder(spec).Encode(sequence, destination);
        if (bad >= 0) throw new InvalidOperationException($"Reference encoder rejects character {bad} of '{sequence}'.");
        return destination;
    }

    /// <summary>The same spec with another unknown-character policy.</summary>
    public static SequenceEncodingSpec With(SequenceEncodingSpec spec, UnknownCharacterPolicy policy) =>
        new(spec.Alphabet, spec.Length, spec.Anchor, policy, spec.SoftMaskChannel, spec.ReverseComplement, spec.Order);

    /// <summary>Bit-for-bit equality, reporting the first differing index.</summary>
    public static void AssertBitwiseEqual(float[] expected, float[] actual, string context)
    {
        Assert.True(expected.Length == actual.Length, $"{context}: {actual.Length} values, expected {expected.Length}.");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{context}: value {i} is {actual[i]:R}, expected {expected[i]:R}.");
            }
        }
    }
}
