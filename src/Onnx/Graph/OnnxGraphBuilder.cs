using System.Runtime.InteropServices;
using Cnn.MLNet.Onnx.Proto;
using Google.Protobuf;

namespace Cnn.MLNet.Onnx.Graph;

/// <summary>
/// Builds one ONNX graph: nodes with unique value names, weights and constants as initializers,
/// typed inputs and outputs, then the <see cref="ModelProto"/> with the IR version and opset of
/// <see cref="OnnxVersions"/>. Every method returns the name of the value it produced, so the
/// exporters read like the forward pass they translate.
/// </summary>
internal sealed partial class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private string _prefix = "";

    public OnnxGraphBuilder(string graphName) => _graph = new GraphProto { Name = graphName };

    /// <summary>
    /// Until the returned scope is disposed, every node, value and initializer name starts with
    /// <paramref name="prefix"/> (graph inputs and outputs keep their names), so that the subgraphs of
    /// an ensemble's members read apart (<c>m0_conv1</c>, <c>m1_conv1</c>) instead of by numeric suffixes.
    /// </summary>
    public IDisposable Prefixed(string prefix)
    {
        string previous = _prefix;
        _prefix = previous + prefix;
        return new PrefixScope(this, previous);
    }

    /// <summary>A value name not used yet, derived from <paramref name="hint"/> (with the current prefix).</summary>
    public string Unique(string hint)
    {
        hint = _prefix + hint;
        string name = hint;
        for (int i = 1; !_names.Add(name); i++) name = $"{hint}_{i}";
        return name;
    }

    /// <summary>Declares a graph input; a dimension is a <c>long</c> size or a <c>string</c> symbol.</summary>
    public string Input(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        if (!_names.Add(name)) throw new InvalidOperationException($"ONNX graph: the name '{name}' is already used.");
        _graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output named <paramref name="name"/> (an Identity node renames it when needed).</summary>
    public string Output(string value, string name, TensorProto.Types.DataType type, params object[] dims)
    {
        if (value != name)
        {
            if (!_names.Add(name)) throw new InvalidOperationException($"ONNX graph: the output name '{name}' is already used.");
            _graph.Node.Add(new NodeProto { OpType = "Identity", Name = name, Input = { value }, Output = { name } });
        }
        _graph.Output.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>A float32 initializer (weights or a constant) of shape <paramref name="dims"/>, stored as raw little-endian bytes.</summary>
    public string Initializer(string hint, ReadOnlySpan<float> values, params long[] dims) =>
        Raw(hint, TensorProto.Types.DataType.Float, values.Length, MemoryMarshal.AsBytes(values), dims);

    /// <summary>An int64 initializer (shapes, axes, indices) of shape <paramref name="dims"/>.</summary>
    public string Initializer(string hint, ReadOnlySpan<long> values, params long[] dims) =>
        Raw(hint, TensorProto.Types.DataType.Int64, values.Length, MemoryMarshal.AsBytes(values), dims);

    /// <summary>A bool initializer of shape <paramref name="dims"/> (one byte per value, as ONNX stores booleans).</summary>
    public string Initializer(string hint, ReadOnlySpan<bool> values, params long[] dims) =>
        Raw(hint, TensorProto.Types.DataType.Bool, values.Length, MemoryMarshal.AsBytes(values), dims);

    private string Raw(string hint, TensorProto.Types.DataType type, int count, ReadOnlySpan<byte> bytes, long[] dims)
    {
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count) throw new ArgumentException($"ONNX initializer '{hint}': {count} values for shape [{string.Join(", ", dims)}].");
        string name = Unique(hint);
        _graph.Initializer.Add(new TensorProto { Name = name, DataType = (int)type, Dims = { dims }, RawData = ByteString.CopyFrom(bytes) });
        return name;
    }

    /// <summary>A 1-D int64 constant (the usual form of shapes, axes, starts and ends).</summary>
    public string Longs(string hint, params long[] values) => Initializer(hint, values, values.Length);

    /// <summary>A scalar float constant.</summary>
    public string Scalar(string hint, float value) => Initializer(hint, [value]);

    /// <summary>Adds a node with one output and returns that output's name.</summary>
    public string Node(string opType, string hint, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(opType, hint, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs and returns their names.</summary>
    public string[] Node(string opType, string hint, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var names = Enumerable.Range(0, outputs).Select(i => Unique(outputs == 1 ? hint : $"{hint}_out{i}")).ToArray();
        var node = new NodeProto { OpType = opType, Name = names[0], Input = { inputs }, Output = { names } };
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
        return names;
    }

    /// <summary>The finished model: this graph, <see cref="OnnxVersions"/>, and the given metadata.</summary>
    public ModelProto Build(string docString, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = OnnxVersions.IrVersion,
            ProducerName = OnnxVersions.Producer,
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxVersions.Opset });
        foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private sealed class PrefixScope(OnnxGraphBuilder graph, string previous) : IDisposable
    {
        public void Dispose() => graph._prefix = previous;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => throw new ArgumentException($"ONNX value '{name}': a dimension is a size or a symbol, not {dim?.GetType().Name ?? "null"}."),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
