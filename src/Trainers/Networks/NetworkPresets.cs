namespace Cnn.MLNet.Trainers;

/// <summary>
/// Published architectures as factories. Each returns a fresh <see cref="NetworkSpec"/>; adjust
/// it with a <c>with</c> expression. The output layer is added by the trainer for the task.
/// Sequence presets: <see cref="TwoBlock"/> (the default), <see cref="Zou2019"/>, <see cref="DeepBind"/>, <see cref="Basset"/>,
/// <see cref="DilatedResNet"/>. Image presets (2-D layers when the input is an image):
/// <see cref="LeNet5"/>, <see cref="Geron"/>, <see cref="SmallVgg"/>, <see cref="SmallResNet"/>.
/// Any spec builds for either kind of input; the image presets assume images of about 28–64 pixels.
/// </summary>
public static class NetworkPresets
{
    /// <summary>
    /// The preset used when the trainer options name none: <see cref="TwoBlock"/>, chosen by measurement on five
    /// public data sets (positional and position-invariant; BENCHMARKS.md, "Real data"). The trainer falls back to
    /// <see cref="Zou2019"/> for inputs too short for it (fewer than 34 positions): see <see cref="DefaultFor"/>.
    /// </summary>
    public static NetworkSpec Default() => TwoBlock();

    /// <summary>
    /// The default network for an input of <paramref name="channels"/> × <paramref name="dimensions"/> (length, or
    /// height and width) and <paramref name="outputs"/> outputs: <see cref="Default"/> when its shape fits, else
    /// <see cref="Zou2019"/> (which needs 15 positions), so sequences as short as CRISPR guides still train.
    /// The trainer and <c>cnn-mlnet train</c> both use this rule when no network is named.
    /// </summary>
    public static NetworkSpec DefaultFor(int channels, IReadOnlyList<int> dimensions, int outputs)
    {
        var preferred = Default();
        try
        {
            if (dimensions.Count == 2) NetworkShapes.Infer(preferred, channels, dimensions[0], dimensions[1], outputs);
            else NetworkShapes.Infer(preferred, channels, dimensions[0], outputs);
            return preferred;
        }
        catch (ArgumentException)
        {
            return Zou2019();
        }
    }

    /// <summary>
    /// The default network: two convolution blocks with batch norm that keep position (Conv1d 64 × 11 → batch norm → ReLU →
    /// max pool 4 → dropout 0.1, then Conv1d 64 × 5 → batch norm → ReLU → max pool 2 → dropout 0.1), a dense layer of 32
    /// (dropout 0.1) that sees every remaining position, then the output. It needs at least 34 bases. On the real
    /// data sets it was within about two points of the best preset on each, where Zou2019 fell 2–11 points short on
    /// two of them (BENCHMARKS.md).
    /// </summary>
    public static NetworkSpec TwoBlock() => new()
    {
        Name = "TwoBlock",
        Trunk =
        [
            new ConvBlockSpec { Filters = 64, KernelSize = 11, BatchNorm = true, Pool = Pooling.Max, PoolSize = 4, Dropout = 0.1 },
            new ConvBlockSpec { Filters = 64, KernelSize = 5, BatchNorm = true, Pool = Pooling.Max, PoolSize = 2, Dropout = 0.1 },
        ],
        Head = [new DenseLayerSpec { Units = 32, Dropout = 0.1 }],
    };

    /// <summary>
    /// The network of the genomics deep-learning primer (Zou et al. 2019, Nature Genetics):
    /// Conv1d 32 filters × 12 → max pool 4 → dense 16 (ReLU) → output.
    /// </summary>
    public static NetworkSpec Zou2019() => new()
    {
        Name = "Zou2019",
        Trunk = [new ConvBlockSpec { Filters = 32, KernelSize = 12, Pool = Pooling.Max, PoolSize = 4 }],
        Head = [new DenseLayerSpec { Units = 16 }],
    };

    /// <summary>
    /// DeepBind-style (Alipanahi et al. 2015): one wide convolution of motif detectors (16 × 24),
    /// global max pooling (so any sequence of at least 24 bases works), dense 32 with dropout 0.5.
    /// </summary>
    public static NetworkSpec DeepBind() => new()
    {
        Name = "DeepBind",
        Trunk = [new ConvBlockSpec { Filters = 16, KernelSize = 24 }, new GlobalPoolSpec { Kind = Pooling.Max }],
        Head = [new DenseLayerSpec { Units = 32, Dropout = 0.5 }],
    };

    /// <summary>
    /// Basset-style (Kelley et al. 2016): three convolution blocks 300×19 / 200×11 / 200×7 with
    /// batch norm, ReLU and max pools 3 / 4 / 4, then two dense layers of 1000 with dropout 0.3.
    /// Made for 600-bp inputs; it needs at least 168 bases.
    /// </summary>
    public static NetworkSpec Basset() => new()
    {
        Name = "Basset",
        Trunk =
        [
            new ConvBlockSpec { Filters = 300, KernelSize = 19, BatchNorm = true, Pool = Pooling.Max, PoolSize = 3 },
            new ConvBlockSpec { Filters = 200, KernelSize = 11, BatchNorm = true, Pool = Pooling.Max, PoolSize = 4 },
            new ConvBlockSpec { Filters = 200, KernelSize = 7, BatchNorm = true, Pool = Pooling.Max, PoolSize = 4 },
        ],
        Head = [new DenseLayerSpec { Units = 1000, Dropout = 0.3 }, new DenseLayerSpec { Units = 1000, Dropout = 0.3 }],
    };

    /// <summary>
    /// A small dilated residual network (Basenji/BPNet style): Conv1d 64 × 15 (same padding, batch
    /// norm), four residual blocks with dilations 1, 2, 4, 8, global average pooling, dense 32.
    /// Keeps every position until the global pool, so it works for any length of at least 1.
    /// </summary>
    public static NetworkSpec DilatedResNet() => new()
    {
        Name = "DilatedResNet",
        Trunk =
        [
            new ConvBlockSpec { Filters = 64, KernelSize = 15, Padding = ConvPadding.Same, BatchNorm = true },
            new ResidualBlockSpec { Filters = 64, KernelSize = 3, Dilation = 1 },
            new ResidualBlockSpec { Filters = 64, KernelSize = 3, Dilation = 2 },
            new ResidualBlockSpec { Filters = 64, KernelSize = 3, Dilation = 4 },
            new ResidualBlockSpec { Filters = 64, KernelSize = 3, Dilation = 8 },
            new GlobalPoolSpec { Kind = Pooling.Average },
        ],
        Head = [new DenseLayerSpec { Units = 32 }],
    };

    /// <summary>
    /// BPNet (Avsec et al. 2021, Nature Genetics) for base-resolution profiles: a 21-wide convolution
    /// of 64 filters, then 9 residual blocks of dilated 3-wide convolutions (dilation 2, 4, …, 512;
    /// each our basic block of two convolutions with batch norm), all with same padding so the map
    /// keeps every position; then the profile head (a 25-wide transposed convolution per track,
    /// centred on <paramref name="outputLength"/> positions) and the count head (global average pool,
    /// linear). Input and output windows as BPNet's (1,000 / 1,000) or ChromBPNet's (2,114 / 1,000).
    /// </summary>
    /// <param name="outputLength">Positions of the predicted profile, centred in the input window.</param>
    /// <param name="layers">Dilated residual blocks (BPNet: 9); fewer suit short windows and small data.</param>
    /// <param name="filters">Channels of every layer (BPNet: 64).</param>
    public static NetworkSpec BPNet(int outputLength = 1000, int layers = 9, int filters = 64) => new()
    {
        Name = "BPNet",
        Trunk =
        [
            new ConvBlockSpec { Filters = filters, KernelSize = 21, Padding = ConvPadding.Same },
            .. Enumerable.Range(1, layers).Select(i => new ResidualBlockSpec { Filters = filters, KernelSize = 3, Dilation = 1 << i }),
        ],
        TrackHead = new TrackHeadSpec { Kind = TrackHeadKind.ProfileAndCount, OutputLength = outputLength, KernelSize = 25 },
    };

    /// <summary>
    /// LeNet-5 (LeCun et al. 1998) as usually trained today: Conv 6 × 5×5 → max pool 2 → Conv 16 ×
    /// 5×5 → max pool 2 → dense 120 → dense 84 → output, with ReLU in place of the original scaled
    /// tanh and max in place of average subsampling. Needs images of at least 16 × 16 (28 × 28
    /// MNIST-style or 32 × 32 as in the paper).
    /// </summary>
    public static NetworkSpec LeNet5() => new()
    {
        Name = "LeNet5",
        Trunk =
        [
            new ConvBlockSpec { Filters = 6, KernelSize = 5, Pool = Pooling.Max, PoolSize = 2 },
            new ConvBlockSpec { Filters = 16, KernelSize = 5, Pool = Pooling.Max, PoolSize = 2 },
        ],
        Head = [new DenseLayerSpec { Units = 120 }, new DenseLayerSpec { Units = 84 }],
    };

    /// <summary>
    /// The Fashion-MNIST network of Géron's <i>Hands-On Machine Learning</i> (ch. 14): Conv 64 × 7×7
    /// → max pool 2 → 2 × Conv 128 × 3×3 → max pool 2 → 2 × Conv 256 × 3×3 → max pool 2 → dense 128
    /// → dense 64, both with dropout 0.5 → output; same padding and ReLU throughout. Needs images of
    /// at least 8 × 8; made for 28 × 28.
    /// </summary>
    public static NetworkSpec Geron() => new()
    {
        Name = "Geron",
        Trunk =
        [
            new ConvBlockSpec { Filters = 64, KernelSize = 7, Padding = ConvPadding.Same, Pool = Pooling.Max, PoolSize = 2 },
            new ConvBlockSpec { Filters = 128, KernelSize = 3, Padding = ConvPadding.Same },
            new ConvBlockSpec { Filters = 128, KernelSize = 3, Padding = ConvPadding.Same, Pool = Pooling.Max, PoolSize = 2 },
            new ConvBlockSpec { Filters = 256, KernelSize = 3, Padding = ConvPadding.Same },
            new ConvBlockSpec { Filters = 256, KernelSize = 3, Padding = ConvPadding.Same, Pool = Pooling.Max, PoolSize = 2 },
        ],
        Head = [new DenseLayerSpec { Units = 128, Dropout = 0.5 }, new DenseLayerSpec { Units = 64, Dropout = 0.5 }],
    };

    /// <summary>
    /// A small VGG-style stack (Simonyan &amp; Zisserman 2015): three stages of two 3×3 convolutions
    /// (32, 64, 128 filters, same padding, batch norm, ReLU) each followed by max pool 2, then
    /// dense 128 with dropout 0.5. Needs images of at least 8 × 8.
    /// </summary>
    public static NetworkSpec SmallVgg() => new()
    {
        Name = "SmallVgg",
        Trunk =
        [
            .. VggStage(32), .. VggStage(64), .. VggStage(128),
        ],
        Head = [new DenseLayerSpec { Units = 128, Dropout = 0.5 }],
    };

    private static TrunkBlockSpec[] VggStage(int filters) =>
    [
        new ConvBlockSpec { Filters = filters, KernelSize = 3, Padding = ConvPadding.Same, BatchNorm = true },
        new ConvBlockSpec { Filters = filters, KernelSize = 3, Padding = ConvPadding.Same, BatchNorm = true, Pool = Pooling.Max, PoolSize = 2 },
    ];

    /// <summary>
    /// A small ResNet (He et al. 2016, the CIFAR variant): a 3×3 stem of 16 filters with batch norm,
    /// three stages of two basic residual blocks (16, 32, 64 filters; the first block of stages two
    /// and three has stride 2), global average pooling → output. Works for any image size.
    /// </summary>
    public static NetworkSpec SmallResNet() => new()
    {
        Name = "SmallResNet",
        Trunk =
        [
            new ConvBlockSpec { Filters = 16, KernelSize = 3, Padding = ConvPadding.Same, BatchNorm = true },
            new ResidualBlockSpec { Filters = 16, KernelSize = 3 },
            new ResidualBlockSpec { Filters = 16, KernelSize = 3 },
            new ResidualBlockSpec { Filters = 32, KernelSize = 3, Stride = 2 },
            new ResidualBlockSpec { Filters = 32, KernelSize = 3 },
            new ResidualBlockSpec { Filters = 64, KernelSize = 3, Stride = 2 },
            new ResidualBlockSpec { Filters = 64, KernelSize = 3 },
            new GlobalPoolSpec { Kind = Pooling.Average },
        ],
    };

    /// <summary>The presets by name, for the command line (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, Func<NetworkSpec>> ByName { get; } =
        new Dictionary<string, Func<NetworkSpec>>(StringComparer.OrdinalIgnoreCase)
        {
            ["TwoBlock"] = TwoBlock,
            ["Zou2019"] = Zou2019,
            ["DeepBind"] = DeepBind,
            ["Basset"] = Basset,
            ["DilatedResNet"] = DilatedResNet,
            ["LeNet5"] = LeNet5,
            ["Geron"] = Geron,
            ["SmallVgg"] = SmallVgg,
            ["SmallResNet"] = SmallResNet,
        };
}
