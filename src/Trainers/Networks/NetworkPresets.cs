namespace Cnn.MLNet.Trainers.Networks;

/// <summary>
/// Published architectures as factories. Each returns a fresh <see cref="NetworkSpec"/>; adjust
/// it with a <c>with</c> expression. The output layer is added by the trainer for the task.
/// </summary>
public static class NetworkPresets
{
    /// <summary>The preset used when the trainer options name none: <see cref="Zou2019"/>.</summary>
    public static NetworkSpec Default() => Zou2019();

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

    /// <summary>The presets by name, for the command line (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, Func<NetworkSpec>> ByName { get; } =
        new Dictionary<string, Func<NetworkSpec>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Zou2019"] = Zou2019,
            ["DeepBind"] = DeepBind,
            ["Basset"] = Basset,
            ["DilatedResNet"] = DilatedResNet,
        };
}
