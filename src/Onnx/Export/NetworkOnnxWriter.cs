using System.Text.RegularExpressions;
using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Trainers;
using TorchSharp.Modules;
using static Cnn.MLNet.Onnx.Graph.OnnxAttributes;
using static TorchSharp.torch;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// Translates a built <see cref="CnnNetwork"/> into ONNX nodes, layer by layer in the order of its
/// named modules: the module types decide the operators, the weights and batch-norm statistics come
/// from the modules' own tensors (copied to the host; the model stays on its device), and what a
/// module keeps private (convolution padding, pooling windows) comes from the spec block the layer
/// was built from, computed exactly as the modules compute it. A module this exporter does not know
/// is refused with <see cref="NotSupportedException"/> naming the layer, never skipped.
/// </summary>
internal static class NetworkOnnxWriter
{
    private static readonly Regex BlockName = new(@"^(conv|bn|act|pool|drop|res|globalpool)(\d+)$", RegexOptions.CultureInvariant);

    /// <summary>Appends the network: <paramref name="input"/> is float (N, C, L) or (N, C, H, W) as the network views its rows; returns float [N, outputs].</summary>
    public static string Write(OnnxGraphBuilder graph, CnnModel model, string input)
    {
        var network = model.Network;
        var spec = network.Spec;
        int axes = network.InputHeight is null ? 1 : 2;
        var layers = network.named_children().FirstOrDefault(c => c.name == "layers").module as Sequential
            ?? throw new NotSupportedException($"ONNX export: network '{spec.Name}' has no 'layers' sequence of modules; this exporter does not know its structure.");
        var writer = new Writer(graph, spec, axes, StrandComplement.For(model.Input));
        string x = input;
        foreach (var (name, module) in layers.named_children())
            x = writer.Layer(name, module, x);
        return x;
    }

    /// <summary>The reverse complement of (N, C, L) one-hot rows: channels permuted, positions reversed (as <see cref="StrandComplement"/> does).</summary>
    public static string ReverseComplement(OnnxGraphBuilder graph, string x, IReadOnlyList<int> permutation, string hint)
    {
        string index = graph.Longs($"{hint}_channels", permutation.Select(c => (long)c).ToArray());
        string complemented = graph.Node("Gather", $"{hint}_complement", [x, index], Int("axis", 1));
        return Flip(graph, complemented, 2, hint);
    }

    /// <summary>Reverses <paramref name="x"/> along <paramref name="axis"/> (Slice with step −1).</summary>
    public static string Flip(OnnxGraphBuilder graph, string x, long axis, string hint) =>
        graph.Node("Slice", $"{hint}_flip", [x, graph.Longs($"{hint}_flip_starts", -1), graph.Longs($"{hint}_flip_ends", long.MinValue),
            graph.Longs($"{hint}_flip_axes", axis), graph.Longs($"{hint}_flip_steps", -1)]);

    private sealed class Writer(OnnxGraphBuilder graph, NetworkSpec spec, int axes, StrandComplement? strands)
    {
        public string Layer(string name, nn.Module module, string x)
        {
            var match = BlockName.Match(name);
            TrunkBlockSpec? block = match.Success ? BlockSpec(name, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
            switch (module)
            {
                case StrandSharedConv1d shared:
                    return StrandShared(name, shared, Expect<ConvBlockSpec>(name, block), x);
                case Conv1d or Conv2d:
                    var conv = Expect<ConvBlockSpec>(name, block);
                    return Conv(name, module, Geometry(conv.KernelSize, conv.Stride, conv.Dilation, conv.Padding, null), x);
                case ResidualBlock residual:
                    return Residual(name, residual, Expect<ResidualBlockSpec>(name, block), x);
                case MaxPool1d or MaxPool2d or AvgPool1d or AvgPool2d:
                    var pooled = Expect<ConvBlockSpec>(name, block);
                    bool max = module is MaxPool1d or MaxPool2d;
                    if (pooled.Pool != (max ? Pooling.Max : Pooling.Average))
                        throw Unsupported(name, module, $"the spec says {pooled.Pool} pooling");
                    long size = pooled.PoolSize;
                    return graph.Node(max ? "MaxPool" : "AveragePool", name, [x],
                        Ints("kernel_shape", Square(size)), Ints("strides", Square(size)), Int("ceil_mode", 0));
                case AdaptiveMaxPool1d or AdaptiveMaxPool2d:
                    return graph.Node("GlobalMaxPool", name, [x]);
                case AdaptiveAvgPool1d or AdaptiveAvgPool2d:
                    return graph.Node("GlobalAveragePool", name, [x]);
                case Flatten:
                    return graph.Node("Flatten", name, [x], Int("axis", 1));
                case TrackHead head:
                    return TrackHeadOnnxWriter.Write(graph, name, head, x, why => Unsupported(name, head, why));
                default:
                    return Common(name, module, x);
            }
        }

        // Modules that may appear anywhere: in the trunk, the head and inside residual blocks.
        private string Common(string name, nn.Module module, string x)
        {
            switch (module)
            {
                case BatchNormLayer bn:
                    return BatchNorm(name, bn, x);
                case Linear linear:
                    using (var scope = NewDisposeScope())
                    {
                        var weight = linear.weight ?? throw Unsupported(name, module, "it has no weight");
                        string w = graph.Initializer($"{name}.weight", Host(weight), weight.shape);
                        string b = linear.bias is { } bias ? graph.Initializer($"{name}.bias", Host(bias), bias.shape) : graph.Initializer($"{name}.bias", new float[weight.shape[0]], weight.shape[0]);
                        return graph.Node("Gemm", name, [x, w, b], Int("transB", 1));
                    }
                case Dropout:
                    return x; // inference: the identity
                default:
                    return Activation(name, module, x);
            }
        }

        private string Activation(string name, nn.Module module, string x)
        {
            switch (module)
            {
                case Identity:
                    return x;
                case ReLU:
                    return graph.Node("Relu", name, [x]);
                case Tanh:
                    return graph.Node("Tanh", name, [x]);
                case Sigmoid:
                    return graph.Node("Sigmoid", name, [x]);
                case EluLayer:
                    return graph.Node("Elu", name, [x], Float("alpha", (float)EluLayer.Alpha));
                case GELU gelu:
                    return Gelu(name, gelu, x);
                default:
                    throw Unsupported(name, module, "no ONNX translation is known for it");
            }
        }

        // Opset 17 has no Gelu: the exact form 0.5·x·(1 + erf(x/√2)) (TorchSharp's default), or the tanh approximation.
        private string Gelu(string name, GELU gelu, string x)
        {
            string inner;
            if (gelu.approximate.ToString() is "none" or "None")
            {
                string scaled = graph.Node("Mul", $"{name}_scaled", [x, graph.Scalar($"{name}_rsqrt2", (float)(1 / Math.Sqrt(2)))]);
                inner = graph.Node("Erf", $"{name}_erf", [scaled]);
            }
            else if (gelu.approximate.ToString() is "tanh" or "Tanh")
            {
                // tanh(√(2/π)·(x + 0.044715·x³))
                string cube = graph.Node("Mul", $"{name}_cube", [graph.Node("Mul", $"{name}_square", [x, x]), x]);
                string sum = graph.Node("Add", $"{name}_sum", [x, graph.Node("Mul", $"{name}_cubic", [cube, graph.Scalar($"{name}_c", 0.044715f)])]);
                inner = graph.Node("Tanh", $"{name}_tanh", [graph.Node("Mul", $"{name}_scaled", [sum, graph.Scalar($"{name}_k", (float)Math.Sqrt(2 / Math.PI))])]);
            }
            else throw Unsupported(name, gelu, $"its approximation '{gelu.approximate}' is unknown");
            string onePlus = graph.Node("Add", $"{name}_one_plus", [inner, graph.Scalar($"{name}_one", 1f)]);
            string half = graph.Node("Mul", $"{name}_half_x", [x, graph.Scalar($"{name}_half", 0.5f)]);
            return graph.Node("Mul", name, [half, onePlus]);
        }

        private string BatchNorm(string name, BatchNormLayer bn, string x)
        {
            using var scope = NewDisposeScope();
            long channels = bn.Features;
            return graph.Node("BatchNormalization", name,
                [x, graph.Initializer($"{name}.weight", Host(bn.Weight), channels), graph.Initializer($"{name}.bias", Host(bn.Bias), channels),
                 graph.Initializer($"{name}.running_mean", Host(bn.RunningMean), channels), graph.Initializer($"{name}.running_var", Host(bn.RunningVariance), channels)],
                Float("epsilon", (float)BatchNormLayer.Epsilon), Int("training_mode", 0));
        }

        private string Conv(string name, nn.Module module, ConvGeometry geometry, string x)
        {
            using var scope = NewDisposeScope();
            var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            if (!parameters.TryGetValue("weight", out var weight) || !parameters.TryGetValue("bias", out var bias))
                throw Unsupported(name, module, "its weight or bias is missing");
            if (weight.dim() != 2 + axes || weight.shape.Skip(2).Any(k => k != geometry.Kernel))
                throw Unsupported(name, module, $"its weight has shape [{string.Join(", ", weight.shape)}] but the spec says a kernel of {geometry.Kernel}");
            string w = graph.Initializer($"{name}.weight", Host(weight), weight.shape);
            string b = graph.Initializer($"{name}.bias", Host(bias), bias.shape);
            return graph.Node("Conv", name, [x, w, b],
                Ints("kernel_shape", Square(geometry.Kernel)), Ints("strides", Square(geometry.Stride)), Ints("dilations", Square(geometry.Dilation)),
                Ints("pads", [.. Square(geometry.PadBefore), .. Square(geometry.PadAfter)]), Int("group", 1));
        }

        // StrandSharedConv1d: conv(x) ‖ flip(conv(rc(x))) along the channels.
        private string StrandShared(string name, StrandSharedConv1d module, ConvBlockSpec conv, string x)
        {
            var inner = module.named_children().FirstOrDefault(c => c.name == "conv").module
                ?? throw Unsupported(name, module, "its inner convolution is missing");
            var permutation = strands?.Permutation
                ?? throw Unsupported(name, module, "the model's input is not one-hot DNA or RNA, so the channels to complement are unknown");
            var geometry = Geometry(conv.KernelSize, conv.Stride, conv.Dilation, conv.Padding, null);
            string forwardStrand = Conv($"{name}_forward", inner, geometry, x);
            string complement = ReverseComplement(graph, x, permutation, $"{name}_rc");
            string reverseStrand = Flip(graph, Conv($"{name}_reverse", inner, geometry, complement), 2, $"{name}_reverse");
            return graph.Node("Concat", name, [forwardStrand, reverseStrand], Int("axis", 1));
        }

        // ResidualBlock: after(body(x) + skip(x)).
        private string Residual(string name, ResidualBlock block, ResidualBlockSpec res, string x)
        {
            var parts = block.named_children().ToDictionary(c => c.name, c => c.module);
            if (!parts.TryGetValue("body", out var body) || !parts.TryGetValue("skip", out var skip) || !parts.TryGetValue("after", out var after))
                throw Unsupported(name, block, "its body, shortcut or tail is missing");
            // As ResidualBlock builds them: a strided block pads dilation·(k−1)/2 on each side.
            long? strided = res.Stride > 1 ? res.Dilation * (res.KernelSize - 1) / 2 : null;
            string y = x;
            foreach (var (part, module) in ((Sequential)body).named_children())
            {
                string layer = $"{name}.{part}";
                y = part switch
                {
                    "conv_a" => Conv(layer, Require(layer, module), Geometry(res.KernelSize, res.Stride, res.Dilation, ConvPadding.Same, strided), y),
                    "conv_b" => Conv(layer, Require(layer, module), Geometry(res.KernelSize, 1, res.Dilation, ConvPadding.Same, null), y),
                    _ => Common(layer, module, y),
                };
            }
            string shortcut = skip switch
            {
                Identity => x,
                Conv1d or Conv2d => Conv($"{name}.skip", skip, Geometry(1, res.Stride, 1, ConvPadding.Valid, null), x),
                _ => throw Unsupported($"{name}.skip", skip, "no ONNX translation is known for it"),
            };
            string z = graph.Node("Add", $"{name}.add", [y, shortcut]);
            foreach (var (part, module) in ((Sequential)after).named_children())
                z = Common($"{name}.{part}", module, z);
            return z;
        }

        private nn.Module Require(string name, nn.Module module) =>
            module is Conv1d or Conv2d ? module : throw Unsupported(name, module, "a convolution was expected");

        private TrunkBlockSpec BlockSpec(string name, int index) =>
            index >= 1 && index <= spec.Trunk.Count
                ? spec.Trunk[index - 1]
                : throw new NotSupportedException($"ONNX export: network '{spec.Name}', layer '{name}': the spec has no trunk block {index}.");

        private T Expect<T>(string name, TrunkBlockSpec? block) where T : TrunkBlockSpec =>
            block as T ?? throw new NotSupportedException($"ONNX export: network '{spec.Name}', layer '{name}': expected a {typeof(T).Name} in the spec, found {block?.GetType().Name ?? "none"}.");

        private NotSupportedException Unsupported(string name, nn.Module module, string why) =>
            new($"ONNX export: network '{spec.Name}', layer '{name}' ({module.GetType().Name}) cannot be exported: {why}.");

        private long[] Square(long value) => Enumerable.Repeat(value, axes).ToArray();
    }

    private readonly record struct ConvGeometry(long Kernel, long Stride, long Dilation, long PadBefore, long PadAfter);

    // As Layers.Conv builds them: explicit padding on both sides, else 'same' pads dilation·(k−1) in all, the odd extra one after (PyTorch's rule).
    private static ConvGeometry Geometry(long kernel, long stride, long dilation, ConvPadding padding, long? explicitPadding)
    {
        long total = explicitPadding is long both ? 2 * both : padding == ConvPadding.Same ? dilation * (kernel - 1) : 0;
        long before = total / 2;
        return new ConvGeometry(kernel, stride, dilation, before, total - before);
    }

    // The tensor's values on the host, as float32, without moving or changing the model's own tensor
    // (TensorCopy is the one place that brings tensors back from the model's device).
    internal static float[] Host(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = new float[tensor.numel()];
        TensorCopy.ToSpan(tensor.detach().to_type(ScalarType.Float32), values);
        return values;
    }
}
