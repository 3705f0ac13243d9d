using System.Globalization;
using System.Text.Json.Serialization;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// One point of a sweep's search space: a network shape and the training options that go with
/// it. A plain <c>class, new()</c> of scalar properties, so the same type serves
/// <see cref="CnnSweep"/> and ML.NET AutoML's <c>CreateSweepableEstimator&lt;T&gt;</c> (whose
/// <c>Parameter.AsType&lt;T&gt;()</c> fills properties by name from JSON; see docs/SWEEPS.md).
/// </summary>
/// <remarks>
/// The network is <see cref="ConvBlocks"/> convolution blocks (the first with
/// <see cref="KernelSize"/>, later ones with <see cref="DeeperKernelSize"/>; every block has
/// <see cref="Filters"/> filters, optional batch norm, ReLU, the pooling and the dropout), then a
/// dense layer of <see cref="DenseUnits"/> (none when 0), then the task's output layer.
/// </remarks>
public sealed class CnnTrialOptions
{
    /// <summary>
    /// A published network by name (<see cref="NetworkPresets.ByName"/>, e.g. <c>Zou2019</c>) in place of the searched
    /// shape; the shape options (filters … dense units) are then ignored. Default null: the shape the options describe.
    /// </summary>
    public string? Preset { get; set; }

    /// <summary>
    /// Reverse-complement handling for DNA/RNA: train on either strand (augmentation) and score both strands and
    /// average, as <c>--rc-augment --rc-average</c> do. Default false.
    /// </summary>
    public bool ReverseComplement { get; set; }

    /// <summary>
    /// The k-mer order of the one-hot encoding (sequences only): 1 one base per channel, 2 dinucleotides, 3 trinucleotides
    /// (<c>OneHotSequenceEstimator.Options.Order</c>). Default 1.
    /// </summary>
    public int EncodingOrder { get; set; } = 1;

    /// <summary>Filters in every convolution block. Default 32.</summary>
    public int Filters { get; set; } = 32;

    /// <summary>Kernel width of the first block (the motif detectors). Default 12.</summary>
    public int KernelSize { get; set; } = 12;

    /// <summary>Number of convolution blocks. Default 1.</summary>
    public int ConvBlocks { get; set; } = 1;

    /// <summary>Kernel width of the second and later blocks. Default 5.</summary>
    public int DeeperKernelSize { get; set; } = 5;

    /// <summary>Pooling after each block: None, Max (default) or Average. Written as its name in JSON.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Pooling>))]
    public Pooling Pool { get; set; } = Pooling.Max;

    /// <summary>Pooling window (and stride). Default 4.</summary>
    public int PoolSize { get; set; } = 4;

    /// <summary>Batch normalisation after each convolution. Default false.</summary>
    public bool BatchNorm { get; set; }

    /// <summary>Dropout at the end of each block and after the dense layer. Default 0.</summary>
    public double Dropout { get; set; }

    /// <summary>Units of the hidden dense layer; 0 for none. Default 16.</summary>
    public int DenseUnits { get; set; } = 16;

    /// <summary>Adam's learning rate. Default 0.001.</summary>
    public double LearningRate { get; set; } = CnnTrainingOptions.DefaultLearningRate;

    /// <summary>Training batch size. Default 32.</summary>
    public int BatchSize { get; set; } = CnnTrainingOptions.DefaultBatchSize;

    /// <summary>The most epochs to train (early stopping may end sooner). Default 20.</summary>
    public int Epochs { get; set; } = CnnTrainingOptions.DefaultEpochs;

    /// <summary>The network these options describe, named <paramref name="name"/>.</summary>
    public NetworkSpec ToNetwork(string name = "sweep")
    {
        if (Preset != null)
            return NetworkPresets.ByName.TryGetValue(Preset, out var preset) ? preset()
                : throw new ArgumentException($"Unknown preset '{Preset}' in the trial options: use one of {string.Join(", ", NetworkPresets.ByName.Keys)}.");
        var blocks = Enumerable.Range(0, ConvBlocks).Select(i => (TrunkBlockSpec)new ConvBlockSpec
        {
            Filters = Filters,
            KernelSize = i == 0 ? KernelSize : DeeperKernelSize,
            BatchNorm = BatchNorm,
            Pool = Pool,
            PoolSize = PoolSize,
            Dropout = Dropout,
        }).ToArray();
        DenseLayerSpec[] head = DenseUnits > 0 ? [new DenseLayerSpec { Units = DenseUnits, Dropout = Dropout }] : [];
        return new NetworkSpec { Name = name, Trunk = blocks, Head = head };
    }

    /// <summary>
    /// Sets the searched training settings — the network, learning rate, batch size and epochs — of a
    /// trainer's options or of any <see cref="CnnTrainingOptions"/> (the rest are left as they are), so an
    /// AutoML factory is one line: <c>(ml, p) =&gt; ml.BinaryClassification.Trainers.Cnn(p.ApplyTo(new CnnBinaryTrainer.Options()))</c>.
    /// </summary>
    /// <remarks>
    /// The trial keeps these as flat scalar properties rather than holding a <see cref="CnnTrainingOptions"/>:
    /// AutoML fills the trial by property name from JSON, and each one is a dimension of the search. Their
    /// defaults are <see cref="CnnTrainingOptions"/>'s (20 epochs, batch 32, learning rate 0.001); the seed and
    /// early-stopping patience of a trial come from <see cref="CnnSweepOptions"/> (patience 3 there, not 5).
    /// </remarks>
    public T ApplyTo<T>(T options) where T : CnnTrainingOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Network = ToNetwork();
        options.LearningRate = LearningRate;
        options.BatchSize = BatchSize;
        options.Epochs = Epochs;
        return options;
    }

    /// <summary>A copy with another epoch count.</summary>
    public CnnTrialOptions WithEpochs(int epochs)
    {
        var copy = (CnnTrialOptions)MemberwiseClone();
        copy.Epochs = epochs;
        return copy;
    }

    /// <summary>
    /// The options as <c>name=value</c> pairs in a fixed order (the leaderboard's columns). The
    /// learning rate has 3 significant digits, or every digit (round-trip) when <paramref name="exact"/>.
    /// A preset's shape options are "-": the preset decides them.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe(bool exact = false) =>
    [
        new("network", Preset ?? "searched"),
        new("filters", Shape(Invariant(Filters))), new("kernelSize", Shape(Invariant(KernelSize))), new("convBlocks", Shape(Invariant(ConvBlocks))),
        new("deeperKernelSize", Shape(ConvBlocks > 1 ? Invariant(DeeperKernelSize) : "-")),
        new("pool", Shape(Pool == Pooling.None ? "none" : $"{Pool.ToString().ToLowerInvariant()}{PoolSize}")),
        new("batchNorm", Shape(BatchNorm ? "yes" : "no")), new("dropout", Shape(Invariant(Dropout))), new("denseUnits", Shape(Invariant(DenseUnits))),
        new("reverseComplement", ReverseComplement ? "yes" : "no"), new("order", Invariant(EncodingOrder)),
        new("learningRate", LearningRate.ToString(exact ? "R" : "G3", CultureInfo.InvariantCulture)), new("batchSize", Invariant(BatchSize)),
    ];

    private string Shape(string value) => Preset == null ? value : "-";

    /// <summary>
    /// What is trained, as one string: options that do not change the network (a later block's kernel with one
    /// block, a pool window without pooling, a preset's shape options) do not make a new configuration.
    /// </summary>
    internal string Key => string.Join(' ', Describe(exact: true));

    /// <summary>
    /// One line, e.g. <c>network=searched filters=32 kernelSize=12 … batchSize=64</c> or <c>network=DeepBind reverseComplement=yes order=1 …</c>
    /// (epochs are reported separately; a preset's "-" options are left out).
    /// </summary>
    public override string ToString() => string.Join(' ', Describe().Where(p => p.Value != "-" || Preset == null).Select(p => $"{p.Key}={p.Value}"));

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
