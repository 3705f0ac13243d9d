namespace Cnn.MLNet.Trainers;

/// <summary>
/// The output of one named layer for one example: channels × positions for sequences,
/// channels × height × width for images, or features when flat.
/// </summary>
/// <param name="Name">The layer's name in the built network (e.g. <c>conv1</c>, <c>pool1</c>, <c>dense1</c>, <c>output</c>).</param>
/// <param name="Description">What the layer is, e.g. <c>Conv1d 4→32, kernel 12, valid</c>.</param>
/// <param name="Channels">Output channels (features for flat layers).</param>
/// <param name="Length">Output positions along the last axis (sequence positions, image width); null for flat layers.</param>
/// <param name="Height">Output rows for image (2-D) layers; null for sequences and flat layers.</param>
public sealed record LayerShape(string Name, string Description, int Channels, int? Length, int? Height = null)
{
    /// <summary>Values per example: channels × height × positions.</summary>
    public int Size => Channels * Positions;

    /// <summary>Spatial positions per channel (height × width for images, 1 for flat layers).</summary>
    public int Positions => (Height ?? 1) * (Length ?? 1);

    /// <summary>
    /// Multiply-accumulates of this layer's forward pass for one input row: output positions ×
    /// output channels × input channels × kernel size per axis (raised to the number of axes) for a
    /// convolution (a strand-shared one counts both strands' 2 × filters channels); the sum of the
    /// two convolutions and the optional 1 × 1 projection for a residual block; inputs × units for a
    /// dense or output layer; 0 for pooling (comparisons or sums, not multiply-adds). Bias additions,
    /// batch norm, activations and dropout are not counted. 0 when not set.
    /// </summary>
    public long MultiplyAdds { get; init; }

    /// <inheritdoc/>
    public override string ToString() => (Height, Length) switch
    {
        (int h, int w) => $"{Name} ({Description}): {Channels} × {h} × {w}",
        (null, int l) => $"{Name} ({Description}): {Channels} × {l}",
        _ => $"{Name} ({Description}): {Channels}",
    };
}

/// <summary>
/// Validates a <see cref="NetworkSpec"/> against an input shape and lists every layer's output
/// shape. The same spec builds a 1-D network for sequences (channels × length) and a 2-D network
/// for images (channels × height × width, square kernels and pooling windows). An impossible
/// network (a filter or pooling window larger than what reaches it, a bad option) is an
/// <see cref="ArgumentException"/> that names the layer and the sizes involved.
/// </summary>
public static class NetworkShapes
{
    /// <summary>Infers the shapes for sequences of <paramref name="channels"/> × <paramref name="length"/> and <paramref name="outputs"/> outputs.</summary>
    /// <exception cref="ArgumentException">The spec is invalid or impossible for this input.</exception>
    public static IReadOnlyList<LayerShape> Infer(NetworkSpec spec, int channels, int length, int outputs) =>
        Infer(spec, channels, [length], outputs);

    /// <summary>Infers the shapes for images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> and <paramref name="outputs"/> outputs.</summary>
    /// <exception cref="ArgumentException">The spec is invalid or impossible for this input.</exception>
    public static IReadOnlyList<LayerShape> Infer(NetworkSpec spec, int channels, int height, int width, int outputs) =>
        Infer(spec, channels, [height, width], outputs);

    /// <summary>The general form: <paramref name="spatial"/> is [length] for sequences or [height, width] for images.</summary>
    internal static IReadOnlyList<LayerShape> Infer(NetworkSpec spec, int channels, int[] spatial, int outputs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spatial.Length is not (1 or 2)) throw new ArgumentException($"Inputs are sequences (1 spatial axis) or images (2); got {spatial.Length} axes.");
        if (channels < 1 || spatial.Any(s => s < 1))
            throw new ArgumentException($"The input must have at least one channel and one position on every axis (got {Describe(channels, spatial)}).");
        if (outputs < 1) throw new ArgumentException($"The network needs at least one output (got {outputs}).");
        if (!spec.Trunk.Any(b => b is ConvBlockSpec or ResidualBlockSpec))
            throw new ArgumentException($"Network '{spec.Name}': the trunk must contain at least one convolution block.");

        var shapes = new List<LayerShape>();
        int c = channels;
        int[]? size = spatial;
        for (int i = 0; i < spec.Trunk.Count; i++)
        {
            int block = i + 1;
            if (size == null)
                throw Fail(spec, LayerName(spec.Trunk[i], block), "comes after a global pool, which leaves no positions to convolve or pool");
            switch (spec.Trunk[i])
            {
                case ConvBlockSpec conv:
                    (c, size) = Conv(spec, conv, block, c, size, shapes);
                    break;
                case ResidualBlockSpec res:
                    (c, size) = Residual(spec, res, block, c, size, shapes);
                    break;
                case GlobalPoolSpec pool:
                    Check(spec, $"globalpool{block}", pool.Kind != Pooling.None, "Kind must be Max or Average");
                    size = null;
                    shapes.Add(new LayerShape($"globalpool{block}", $"global {pool.Kind.ToString().ToLowerInvariant()} pool", c, null));
                    break;
                default:
                    throw Fail(spec, $"block{block}", $"has an unknown block type {spec.Trunk[i]?.GetType().Name ?? "null"}");
            }
        }

        if (spec.TrackHead is { } trackHead)
        {
            shapes.Add(TrackHead(spec, trackHead, c, size, outputs));
            return shapes;
        }

        int features = c * (size?.Aggregate(1, (a, b) => a * b) ?? 1);
        for (int i = 0; i < spec.Head.Count; i++)
        {
            var dense = spec.Head[i];
            string name = $"dense{i + 1}";
            Check(spec, name, dense.Units >= 1, $"Units must be at least 1 (was {dense.Units})");
            CheckDropout(spec, name, dense.Dropout);
            shapes.Add(new LayerShape(name, $"Linear {features}→{dense.Units}", dense.Units, null) { MultiplyAdds = (long)features * dense.Units });
            features = dense.Units;
        }
        shapes.Add(new LayerShape("output", $"Linear {features}→{outputs}", outputs, null) { MultiplyAdds = (long)features * outputs });
        return shapes;
    }

    /// <summary>"4 × 100" or "3 × 32 × 32".</summary>
    internal static string Describe(int channels, IReadOnlyList<int> spatial) => string.Join(" × ", spatial.Prepend(channels));

    private static LayerShape Shape(string name, string description, int channels, int[] size, long multiplyAdds = 0) =>
        (size.Length == 2 ? new LayerShape(name, description, channels, size[1], size[0]) : new LayerShape(name, description, channels, size[0]))
        with
        { MultiplyAdds = multiplyAdds };

    /// <summary>Multiply-accumulates of a convolution: output positions × output channels × input channels × kernel^axes.</summary>
    private static long ConvMultiplyAdds(int[] outSize, int outChannels, int inChannels, int kernel)
    {
        long positions = outSize.Aggregate(1L, (a, b) => a * b);
        long taps = outSize.Aggregate(1L, (a, _) => a * kernel);
        return positions * outChannels * inChannels * taps;
    }

    private static string LayerName(TrunkBlockSpec block, int index) => block switch
    {
        ConvBlockSpec => $"conv{index}",
        ResidualBlockSpec => $"res{index}",
        GlobalPoolSpec => $"globalpool{index}",
        _ => $"block{index}",
    };

    private static (int Channels, int[] Size) Conv(NetworkSpec spec, ConvBlockSpec conv, int block, int inChannels, int[] size, List<LayerShape> shapes)
    {
        string name = $"conv{block}";
        Check(spec, name, conv.Filters >= 1, $"Filters must be at least 1 (was {conv.Filters})");
        Check(spec, name, conv.KernelSize >= 1 && conv.Stride >= 1 && conv.Dilation >= 1,
            $"KernelSize, Stride and Dilation must be at least 1 (were {conv.KernelSize}, {conv.Stride}, {conv.Dilation})");
        Check(spec, name, conv.Padding == ConvPadding.Valid || conv.Stride == 1, $"same padding needs stride 1 (was {conv.Stride})");
        CheckDropout(spec, name, conv.Dropout);
        if (conv.StrandShared)
        {
            Check(spec, name, block == 1 && size.Length == 1, "StrandShared applies to the first convolution of a sequence network only");
            Check(spec, name, conv.Stride == 1 && (conv.Padding == ConvPadding.Valid || conv.KernelSize % 2 == 1),
                $"StrandShared needs stride 1 and valid padding or an odd kernel (were stride {conv.Stride}, kernel {conv.KernelSize}, {conv.Padding.ToString().ToLowerInvariant()})");
        }
        int channels = conv.StrandShared ? 2 * conv.Filters : conv.Filters;

        int span = conv.Dilation * (conv.KernelSize - 1) + 1;
        int[] outSize = size;
        if (conv.Padding == ConvPadding.Valid)
        {
            if (size.Any(s => span > s))
                throw Fail(spec, name, $"(kernel {conv.KernelSize}, dilation {conv.Dilation}) spans {Span(span, size.Length)} but its input has only {Extent(size)}");
            outSize = size.Select(s => (s - span) / conv.Stride + 1).ToArray();
        }
        string filters = conv.StrandShared ? $"2×{conv.Filters} (both strands)" : $"{conv.Filters}";
        // A strand-shared convolution runs the same filters over both strands: 2 × Filters output channels' worth of work.
        shapes.Add(Shape(name, $"Conv{size.Length}d {inChannels}→{filters}, kernel {conv.KernelSize}, stride {conv.Stride}, dilation {conv.Dilation}, {conv.Padding.ToString().ToLowerInvariant()}", channels, outSize,
            ConvMultiplyAdds(outSize, channels, inChannels, conv.KernelSize)));

        if (conv.Pool != Pooling.None)
        {
            string pool = $"pool{block}";
            Check(spec, pool, conv.PoolSize >= 1, $"PoolSize must be at least 1 (was {conv.PoolSize})");
            if (outSize.Any(s => conv.PoolSize > s))
                throw Fail(spec, pool, size.Length == 2
                    ? $"window {conv.PoolSize} × {conv.PoolSize} is larger than its input of {Extent(outSize)}"
                    : $"window {conv.PoolSize} is longer than its input of {outSize[0]} positions");
            outSize = outSize.Select(s => s / conv.PoolSize).ToArray();
            shapes.Add(Shape(pool, $"{conv.Pool.ToString().ToLowerInvariant()} pool {conv.PoolSize}", channels, outSize));
        }
        return (channels, outSize);
    }

    private static (int Channels, int[] Size) Residual(NetworkSpec spec, ResidualBlockSpec res, int block, int inChannels, int[] size, List<LayerShape> shapes)
    {
        string name = $"res{block}";
        Check(spec, name, res.Filters >= 1, $"Filters must be at least 1 (was {res.Filters})");
        Check(spec, name, res.KernelSize >= 1 && res.Dilation >= 1 && res.Stride >= 1,
            $"KernelSize, Dilation and Stride must be at least 1 (were {res.KernelSize}, {res.Dilation}, {res.Stride})");
        Check(spec, name, res.Stride == 1 || res.KernelSize % 2 == 1, $"a stride above 1 needs an odd KernelSize (was {res.KernelSize})");
        CheckDropout(spec, name, res.Dropout);
        // Same padding: stride 1 keeps the size; stride s gives ceil(n / s), as ResNet's downsampling blocks do.
        int[] outSize = size.Select(s => (s + res.Stride - 1) / res.Stride).ToArray();
        string stride = res.Stride > 1 ? $", stride {res.Stride}" : "";
        // As ResidualBlock builds it: conv_a (in → filters, strided) and conv_b (filters → filters, stride 1), both
        // producing outSize positions, plus a 1×1 projection (strided like the block, also outSize positions)
        // when the channel count changes or the stride is above 1.
        long multiplyAdds = ConvMultiplyAdds(outSize, res.Filters, inChannels, res.KernelSize)
            + ConvMultiplyAdds(outSize, res.Filters, res.Filters, res.KernelSize)
            + (inChannels != res.Filters || res.Stride != 1 ? ConvMultiplyAdds(outSize, res.Filters, inChannels, 1) : 0);
        shapes.Add(Shape(name, $"residual {inChannels}→{res.Filters}, kernel {res.KernelSize}, dilation {res.Dilation}{stride}", res.Filters, outSize, multiplyAdds));
        return (res.Filters, outSize);
    }

    private static LayerShape TrackHead(NetworkSpec spec, TrackHeadSpec head, int channels, int[]? size, int outputs)
    {
        const string name = "output";
        Check(spec, name, size is { Length: 1 }, "a track head needs a sequence trunk that keeps its positions (no global pool, not an image)");
        Check(spec, name, spec.Head.Count == 0, "a track head replaces the dense head, so Head must be empty");
        // The head crops the trunk's map around its centre, which is the input's centre only while every
        // trunk position is one input base: no pooling, no stride.
        for (int i = 0; i < spec.Trunk.Count; i++)
            if (spec.Trunk[i] is ConvBlockSpec { Pool: not Pooling.None } or ConvBlockSpec { Stride: > 1 } or ResidualBlockSpec { Stride: > 1 })
                throw Fail(spec, LayerName(spec.Trunk[i], i + 1), "pools or strides, but a track head needs the trunk at base resolution (one position per input base)");
        int length = size![0];
        Check(spec, name, head.OutputLength >= 1 && head.OutputLength <= length,
            $"OutputLength {head.OutputLength} must be between 1 and the trunk's output length {length}");
        Check(spec, name, (length - head.OutputLength) % 2 == 0,
            $"the output window of {head.OutputLength} positions must sit centred in the trunk's {length}, so their difference must be even");
        Check(spec, name, head.KernelSize >= 1 && head.KernelSize % 2 == 1, $"KernelSize must be odd and at least 1 (was {head.KernelSize})");
        Check(spec, name, head.BinSize >= 1 && head.OutputLength % head.BinSize == 0 && (head.BinSize == 1 || head.Kind == TrackHeadKind.Binned),
            $"BinSize must be at least 1, divide OutputLength {head.OutputLength}, and be 1 for a profile head (was {head.BinSize})");
        Check(spec, name, outputs % head.ValuesPerTrack == 0,
            $"{outputs} outputs are not a whole number of tracks of {head.ValuesPerTrack} values ({(head.Kind == TrackHeadKind.ProfileAndCount ? "positions + 1 count" : "bins")})");
        int tracks = outputs / head.ValuesPerTrack;
        long profile = (long)length * tracks * channels * head.KernelSize;
        string description = head.Kind == TrackHeadKind.ProfileAndCount
            ? $"profile: ConvTranspose1d {channels}→{tracks}, kernel {head.KernelSize}, centre {head.OutputLength}; count: global average pool, Linear {channels}→{tracks}"
            : $"binned: ConvTranspose1d {channels}→{tracks}, kernel {head.KernelSize}, centre {head.OutputLength}, mean per {head.BinSize}";
        return new LayerShape(name, description, outputs, null)
        {
            MultiplyAdds = profile + (head.Kind == TrackHeadKind.ProfileAndCount ? (long)channels * tracks : 0),
        };
    }

    private static string Span(int span, int axes) => axes == 2 ? $"{span} × {span} pixels" : $"{span} positions";

    private static string Extent(int[] size) => size.Length == 2 ? $"{size[0]} × {size[1]}" : $"{size[0]}";

    private static void CheckDropout(NetworkSpec spec, string layer, double dropout) =>
        Check(spec, layer, dropout >= 0 && dropout < 1, $"Dropout must be in [0, 1) (was {dropout})");

    private static void Check(NetworkSpec spec, string layer, bool ok, string problem)
    {
        if (!ok) throw Fail(spec, layer, problem);
    }

    private static ArgumentException Fail(NetworkSpec spec, string layer, string problem) =>
        new($"Network '{spec.Name}', layer {layer}: {problem}.");
}
