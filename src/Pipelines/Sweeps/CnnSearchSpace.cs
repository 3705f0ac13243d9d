using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The values a sweep draws <see cref="CnnTrialOptions"/> from: each property lists the choices
/// for one option (drawn uniformly), and the learning rate is drawn log-uniformly between
/// <see cref="MinLearningRate"/> and <see cref="MaxLearningRate"/>. Give a single value to fix an
/// option. Draws whose network does not fit the input (a kernel or pooling window longer than what
/// reaches it) are skipped, so a space may mix shallow and deep networks freely.
/// </summary>
public sealed class CnnSearchSpace
{
    /// <summary>Filters per block. Default 16, 32, 64, 128.</summary>
    public int[] Filters { get; set; } = [16, 32, 64, 128];

    /// <summary>First-block kernel widths. Default 5, 9, 13, 19 (sequence motifs are 6–20 bases).</summary>
    public int[] KernelSizes { get; set; } = [5, 9, 13, 19];

    /// <summary>Numbers of convolution blocks. Default 1, 2, 3.</summary>
    public int[] ConvBlocks { get; set; } = [1, 2, 3];

    /// <summary>Kernel widths of later blocks. Default 3, 5, 7.</summary>
    public int[] DeeperKernelSizes { get; set; } = [3, 5, 7];

    /// <summary>Pooling kinds. Default Max and Average.</summary>
    public Pooling[] Pools { get; set; } = [Pooling.Max, Pooling.Average];

    /// <summary>Pooling windows. Default 2 and 4.</summary>
    public int[] PoolSizes { get; set; } = [2, 4];

    /// <summary>Batch norm off and/or on. Default both.</summary>
    public bool[] BatchNorm { get; set; } = [false, true];

    /// <summary>Dropout probabilities. Default 0, 0.1, 0.25, 0.5.</summary>
    public double[] Dropouts { get; set; } = [0, 0.1, 0.25, 0.5];

    /// <summary>Dense layer widths, 0 for none. Default 0, 16, 64.</summary>
    public int[] DenseUnits { get; set; } = [0, 16, 64];

    /// <summary>Lowest learning rate. Default 1e-4.</summary>
    public double MinLearningRate { get; set; } = 1e-4;

    /// <summary>Highest learning rate. Default 1e-2.</summary>
    public double MaxLearningRate { get; set; } = 1e-2;

    /// <summary>Batch sizes. Default 32, 64, 128.</summary>
    public int[] BatchSizes { get; set; } = [32, 64, 128];

    /// <summary>
    /// Reverse-complement handling off and/or on (<see cref="CnnTrialOptions.ReverseComplement"/>; DNA and RNA only,
    /// other inputs skip the draws that turn it on). Default both.
    /// </summary>
    public bool[] ReverseComplement { get; set; } = [false, true];

    /// <summary>
    /// One-hot encoding orders (<see cref="CnnTrialOptions.EncodingOrder"/>): 1 bases, 2 dinucleotides, 3 trinucleotides.
    /// Sequences only; draws whose channels would exceed the encoder's limit (protein above order 2) are skipped. Default 1, 2, 3.
    /// </summary>
    public int[] EncodingOrders { get; set; } = [1, 2, 3];

    /// <summary>The default space for sequences (this class's defaults).</summary>
    public static CnnSearchSpace ForSequences() => new();

    /// <summary>A space for small images (28–64 pixels): 3×3 and 5×5 kernels, 2×2 max pooling, 8–64 filters.</summary>
    public static CnnSearchSpace ForImages() => new()
    {
        Filters = [8, 16, 32, 64],
        KernelSizes = [3, 5],
        DeeperKernelSizes = [3],
        Pools = [Pooling.Max],
        PoolSizes = [2],
        DenseUnits = [0, 32, 128],
        ReverseComplement = [false],
        EncodingOrders = [1],
    };

    /// <summary>Draws one point (epochs are set by the sweep's schedule).</summary>
    internal CnnTrialOptions Draw(Random random) => new()
    {
        Filters = Pick(random, Filters),
        KernelSize = Pick(random, KernelSizes),
        ConvBlocks = Pick(random, ConvBlocks),
        DeeperKernelSize = Pick(random, DeeperKernelSizes),
        Pool = Pick(random, Pools),
        PoolSize = Pick(random, PoolSizes),
        BatchNorm = Pick(random, BatchNorm),
        Dropout = Pick(random, Dropouts),
        DenseUnits = Pick(random, DenseUnits),
        LearningRate = LogUniform(random.NextDouble()),
        BatchSize = Pick(random, BatchSizes),
        ReverseComplement = Pick(random, ReverseComplement),
        EncodingOrder = Pick(random, EncodingOrders),
    };

    /// <summary>Refuses empty choices and values no network or trainer accepts, naming the property (the sweep calls it).</summary>
    /// <exception cref="ArgumentException">The space is invalid.</exception>
    public void Validate()
    {
        RequireAll(nameof(Filters), Filters, v => v >= 1, "at least 1");
        RequireAll(nameof(KernelSizes), KernelSizes, v => v >= 1, "at least 1");
        RequireAll(nameof(ConvBlocks), ConvBlocks, v => v >= 1, "at least 1");
        RequireAll(nameof(DeeperKernelSizes), DeeperKernelSizes, v => v >= 1, "at least 1");
        RequireAll(nameof(Pools), Pools, Enum.IsDefined, "a defined Pooling value");
        RequireAll(nameof(PoolSizes), PoolSizes, v => v >= 1, "at least 1");
        RequireAll(nameof(BatchNorm), BatchNorm, _ => true, "");
        RequireAll(nameof(Dropouts), Dropouts, v => v >= 0 && v < 1, "in [0, 1)");
        RequireAll(nameof(DenseUnits), DenseUnits, v => v >= 0, "at least 0 (0 = no dense layer)");
        RequireAll(nameof(BatchSizes), BatchSizes, v => v >= 1, "at least 1");
        RequireAll(nameof(ReverseComplement), ReverseComplement, _ => true, "");
        RequireAll(nameof(EncodingOrders), EncodingOrders, v => v >= 1 && v <= Transforms.SequenceEncodingSpec.MaxOrder, $"between 1 and {Transforms.SequenceEncodingSpec.MaxOrder}");
        if (!(MinLearningRate > 0) || !(MaxLearningRate >= MinLearningRate) || double.IsInfinity(MaxLearningRate))
            throw new ArgumentException($"The search space's learning rates must satisfy 0 < {nameof(MinLearningRate)} ≤ {nameof(MaxLearningRate)} (got {MinLearningRate} and {MaxLearningRate}).");
    }

    private static void RequireAll<T>(string name, T[]? values, Func<T, bool> valid, string rule)
    {
        if (values is not { Length: > 0 }) throw new ArgumentException($"The search space's {name} needs at least one value.");
        foreach (var v in values)
            if (!valid(v)) throw new ArgumentException($"The search space's {name} contains {v}; every value must be {rule}.");
    }

    // A fixed rate stays exactly as given (exp(log(x)) can differ from x in the last bit, which would make a new configuration).
    private double LogUniform(double u) => MinLearningRate == MaxLearningRate ? MinLearningRate
        : Math.Exp(Math.Log(MinLearningRate) + u * (Math.Log(MaxLearningRate) - Math.Log(MinLearningRate)));

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
