namespace Cnn.MLNet.Trainers.Networks;

/// <summary>The output of one named layer for one example: channels × positions, or features when flat.</summary>
/// <param name="Name">The layer's name in the built network (e.g. <c>conv1</c>, <c>pool1</c>, <c>dense1</c>, <c>output</c>).</param>
/// <param name="Description">What the layer is, e.g. <c>Conv1d 4→32, kernel 12, valid</c>.</param>
/// <param name="Channels">Output channels (features for flat layers).</param>
/// <param name="Length">Output positions; null for flat layers.</param>
public sealed record LayerShape(string Name, string Description, int Channels, int? Length)
{
    /// <summary>Values per example: channels × positions.</summary>
    public int Size => Channels * (Length ?? 1);

    /// <inheritdoc/>
    public override string ToString() => Length is int l ? $"{Name} ({Description}): {Channels} × {l}" : $"{Name} ({Description}): {Channels}";
}

/// <summary>
/// Validates a <see cref="NetworkSpec"/> against an input shape and lists every layer's output
/// shape. An impossible network (a filter or pooling window longer than what reaches it, a bad
/// option) is an <see cref="ArgumentException"/> that names the layer and the sizes involved.
/// </summary>
public static class NetworkShapes
{
    /// <summary>Infers the shapes for inputs of <paramref name="channels"/> × <paramref name="length"/> and <paramref name="outputs"/> outputs.</summary>
    /// <exception cref="ArgumentException">The spec is invalid or impossible for this input.</exception>
    public static IReadOnlyList<LayerShape> Infer(NetworkSpec spec, int channels, int length, int outputs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (channels < 1 || length < 1) throw new ArgumentException($"The input must have at least one channel and one position (got {channels} × {length}).");
        if (outputs < 1) throw new ArgumentException($"The network needs at least one output (got {outputs}).");
        if (!spec.Trunk.Any(b => b is ConvBlockSpec or ResidualBlockSpec))
            throw new ArgumentException($"Network '{spec.Name}': the trunk must contain at least one convolution block.");

        var shapes = new List<LayerShape>();
        int c = channels;
        int? l = length;
        string from = $"input {channels} × {length}";
        for (int i = 0; i < spec.Trunk.Count; i++)
        {
            int block = i + 1;
            if (l == null)
                throw Fail(spec, LayerName(spec.Trunk[i], block), "comes after a global pool, which leaves no positions to convolve or pool");
            switch (spec.Trunk[i])
            {
                case ConvBlockSpec conv:
                    (c, l) = Conv(spec, conv, block, c, l.Value, shapes);
                    break;
                case ResidualBlockSpec res:
                    Check(spec, $"res{block}", res.Filters >= 1, $"Filters must be at least 1 (was {res.Filters})");
                    Check(spec, $"res{block}", res.KernelSize >= 1 && res.Dilation >= 1, $"KernelSize and Dilation must be at least 1 (were {res.KernelSize}, {res.Dilation})");
                    CheckDropout(spec, $"res{block}", res.Dropout);
                    c = res.Filters;
                    shapes.Add(new LayerShape($"res{block}", $"residual {res.Filters}, kernel {res.KernelSize}, dilation {res.Dilation}", c, l));
                    break;
                case GlobalPoolSpec pool:
                    Check(spec, $"globalpool{block}", pool.Kind != Pooling.None, "Kind must be Max or Average");
                    l = null;
                    shapes.Add(new LayerShape($"globalpool{block}", $"global {pool.Kind.ToString().ToLowerInvariant()} pool", c, null));
                    break;
                default:
                    throw Fail(spec, $"block{block}", $"has an unknown block type {spec.Trunk[i]?.GetType().Name ?? "null"}");
            }
        }

        int features = c * (l ?? 1);
        for (int i = 0; i < spec.Head.Count; i++)
        {
            var dense = spec.Head[i];
            string name = $"dense{i + 1}";
            Check(spec, name, dense.Units >= 1, $"Units must be at least 1 (was {dense.Units})");
            CheckDropout(spec, name, dense.Dropout);
            shapes.Add(new LayerShape(name, $"Linear {features}→{dense.Units}", dense.Units, null));
            features = dense.Units;
        }
        shapes.Add(new LayerShape("output", $"Linear {features}→{outputs}", outputs, null));
        return shapes;
    }

    private static string LayerName(TrunkBlockSpec block, int index) => block switch
    {
        ConvBlockSpec => $"conv{index}",
        ResidualBlockSpec => $"res{index}",
        GlobalPoolSpec => $"globalpool{index}",
        _ => $"block{index}",
    };

    private static (int Channels, int Length) Conv(NetworkSpec spec, ConvBlockSpec conv, int block, int inChannels, int length, List<LayerShape> shapes)
    {
        string name = $"conv{block}";
        Check(spec, name, conv.Filters >= 1, $"Filters must be at least 1 (was {conv.Filters})");
        Check(spec, name, conv.KernelSize >= 1 && conv.Stride >= 1 && conv.Dilation >= 1,
            $"KernelSize, Stride and Dilation must be at least 1 (were {conv.KernelSize}, {conv.Stride}, {conv.Dilation})");
        Check(spec, name, conv.Padding == ConvPadding.Valid || conv.Stride == 1, $"same padding needs stride 1 (was {conv.Stride})");
        CheckDropout(spec, name, conv.Dropout);

        int span = conv.Dilation * (conv.KernelSize - 1) + 1;
        int outLength = length;
        if (conv.Padding == ConvPadding.Valid)
        {
            if (span > length)
                throw Fail(spec, name, $"(kernel {conv.KernelSize}, dilation {conv.Dilation}) spans {span} positions but its input has only {length}");
            outLength = (length - span) / conv.Stride + 1;
        }
        shapes.Add(new LayerShape(name, $"Conv1d {inChannels}→{conv.Filters}, kernel {conv.KernelSize}, stride {conv.Stride}, dilation {conv.Dilation}, {conv.Padding.ToString().ToLowerInvariant()}", conv.Filters, outLength));

        if (conv.Pool != Pooling.None)
        {
            string pool = $"pool{block}";
            Check(spec, pool, conv.PoolSize >= 1, $"PoolSize must be at least 1 (was {conv.PoolSize})");
            if (conv.PoolSize > outLength)
                throw Fail(spec, pool, $"window {conv.PoolSize} is longer than its input of {outLength} positions");
            outLength /= conv.PoolSize;
            shapes.Add(new LayerShape(pool, $"{conv.Pool.ToString().ToLowerInvariant()} pool {conv.PoolSize}", conv.Filters, outLength));
        }
        return (conv.Filters, outLength);
    }

    private static void CheckDropout(NetworkSpec spec, string layer, double dropout) =>
        Check(spec, layer, dropout >= 0 && dropout < 1, $"Dropout must be in [0, 1) (was {dropout})");

    private static void Check(NetworkSpec spec, string layer, bool ok, string problem)
    {
        if (!ok) throw Fail(spec, layer, problem);
    }

    private static ArgumentException Fail(NetworkSpec spec, string layer, string problem) =>
        new($"Network '{spec.Name}', layer {layer}: {problem}.");
}
