namespace Cnn.MLNet.Trainers;

/// <summary>
/// How a CNN is trained, independent of the data it reads: the network, epochs, batch size,
/// optimiser and learning-rate schedule, early stopping, shuffling, threads, seed and progress.
/// The one type every owner of training settings shares: the trainers' options derive from it
/// (<see cref="CnnTrainerOptions"/>), and the ready-made pipelines hold one
/// (<c>SequenceTrainingSettings.Training</c>, <c>ImageTrainingSettings.Training</c>);
/// <see cref="ApplyTo{T}"/> copies it onto a trainer's options.
/// </summary>
/// <remarks>
/// The defaults below are this type's. An owner may start its own instance from other values and
/// says so in its documentation: <see cref="Network"/> null means each owner's default network
/// (<see cref="NetworkPresets.DefaultFor"/> for the trainers, <c>NetworkPresets.Default</c> for
/// the sequence pipeline, <c>NetworkPresets.LeNet5</c> for the image pipeline), and a model
/// search (<c>CnnSweep</c>) replaces <see cref="EarlyStoppingPatience"/> in every trial with
/// its own (<c>CnnSweepOptions.EarlyStoppingPatience</c>, default 3, not 5).
/// </remarks>
public class CnnTrainingOptions
{
    /// <summary>The architecture. Default null: the owner's default network (for the trainers, <see cref="NetworkPresets.DefaultFor"/>: TwoBlock, or Zou2019 for inputs under 34 positions).</summary>
    public NetworkSpec? Network { get; set; }

    /// <summary>Passes over the training data. Default 20.</summary>
    public int Epochs { get; set; } = DefaultEpochs;

    /// <summary>Rows per training step. Default 32.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Default Adam.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>Initial learning rate. Default 0.001.</summary>
    public double LearningRate { get; set; } = DefaultLearningRate;

    /// <summary>Momentum for <see cref="OptimizerKind.Sgd"/>. Default 0.9.</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>Weight decay (L2 for Adam and SGD, decoupled for AdamW). Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Default constant.</summary>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant;

    /// <summary>Epochs between decays for <see cref="LearningRateSchedule.Step"/>. Default 10.</summary>
    public int StepEpochs { get; set; } = 10;

    /// <summary>Decay factor for <see cref="LearningRateSchedule.Step"/>. Default 0.1.</summary>
    public double StepGamma { get; set; } = 0.1;

    /// <summary>Epochs without improvement before a decay, for <see cref="LearningRateSchedule.ReduceOnPlateau"/>. Default 3.</summary>
    public int PlateauPatience { get; set; } = 3;

    /// <summary>Decay factor for <see cref="LearningRateSchedule.ReduceOnPlateau"/>. Default 0.5.</summary>
    public double PlateauFactor { get; set; } = 0.5;

    /// <summary>Clip the gradients' global L2 norm to this value before each step. Default null (no clipping).</summary>
    public double? GradientClipNorm { get; set; }

    /// <summary>
    /// Stop when the validation loss has not improved for this many epochs, keeping the best
    /// epoch's weights. Only with validation data. Default 5; null trains all epochs (still
    /// keeping the best weights). A model search uses its own patience in every trial
    /// (<c>CnnSweepOptions.EarlyStoppingPatience</c>, default 3).
    /// </summary>
    public int? EarlyStoppingPatience { get; set; } = DefaultEarlyStoppingPatience;

    /// <summary>Shuffle the training rows every epoch. Default true.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Rows held in memory to shuffle data that cannot be shuffled in place (streamed from a file).
    /// Default 10,000. In-memory data is shuffled completely.
    /// </summary>
    public int ShufflePoolSize { get; set; } = 10_000;

    /// <summary>
    /// libtorch intra-op threads while the trainer fits. Default null: the count fixed with
    /// <c>IntraOpThreads.Fix</c> or <c>OMP_NUM_THREADS</c>, else one thread per 16 MFLOP of a
    /// training step (small networks train fastest on one thread; see <c>IntraOpThreads</c>).
    /// The previous count is restored when <c>Fit</c> returns.
    /// </summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>Seed for weights, dropout and shuffling. Default null: drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Receives a report after every epoch (also logged to <c>MLContext.Log</c>). Default null.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Default of <see cref="Epochs"/> (20), also of the catalog overloads' <c>epochs</c>.</summary>
    public const int DefaultEpochs = 20;

    /// <summary>Default of <see cref="BatchSize"/> (32), also of the catalog overloads' <c>batchSize</c>.</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>Default of <see cref="LearningRate"/> (0.001), also of the catalog overloads' <c>learningRate</c>.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>Default of <see cref="EarlyStoppingPatience"/> (5) outside a model search.</summary>
    public const int DefaultEarlyStoppingPatience = 5;

    /// <summary>
    /// Copies every setting of this type onto <paramref name="options"/> (a trainer's options, or
    /// another <see cref="CnnTrainingOptions"/>) and returns it; the trainer-specific options
    /// (columns, input shape, augmentation, fine-tuning, checkpoints…) are left as they are.
    /// The network and the progress sink are shared, not copied.
    /// </summary>
    public T ApplyTo<T>(T options) where T : CnnTrainingOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Network = Network;
        options.Epochs = Epochs;
        options.BatchSize = BatchSize;
        options.Optimizer = Optimizer;
        options.LearningRate = LearningRate;
        options.Momentum = Momentum;
        options.WeightDecay = WeightDecay;
        options.Schedule = Schedule;
        options.StepEpochs = StepEpochs;
        options.StepGamma = StepGamma;
        options.PlateauPatience = PlateauPatience;
        options.PlateauFactor = PlateauFactor;
        options.GradientClipNorm = GradientClipNorm;
        options.EarlyStoppingPatience = EarlyStoppingPatience;
        options.Shuffle = Shuffle;
        options.ShufflePoolSize = ShufflePoolSize;
        options.IntraOpThreads = IntraOpThreads;
        options.Seed = Seed;
        options.Progress = Progress;
        return options;
    }

    /// <summary>A copy holding the same settings (the network and progress sink are shared), as a plain <see cref="CnnTrainingOptions"/>.</summary>
    public CnnTrainingOptions Clone() => ApplyTo(new CnnTrainingOptions());

    /// <summary>Checks every setting; the message names the setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    internal virtual void Validate()
    {
        Require(Epochs >= 1, $"Epochs must be at least 1 (was {Epochs}).");
        Require(BatchSize >= 1, $"BatchSize must be at least 1 (was {BatchSize}).");
        Require(IntraOpThreads is null or >= 1, $"IntraOpThreads must be at least 1, or null for automatic (was {IntraOpThreads}).");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"LearningRate must be a positive number (was {LearningRate}).");
        Require(Momentum >= 0 && Momentum < 1, $"Momentum must be in [0, 1) (was {Momentum}).");
        Require(WeightDecay >= 0, $"WeightDecay must not be negative (was {WeightDecay}).");
        Require(StepEpochs >= 1, $"StepEpochs must be at least 1 (was {StepEpochs}).");
        Require(StepGamma > 0 && StepGamma <= 1, $"StepGamma must be in (0, 1] (was {StepGamma}).");
        Require(PlateauPatience >= 1, $"PlateauPatience must be at least 1 (was {PlateauPatience}).");
        Require(PlateauFactor > 0 && PlateauFactor < 1, $"PlateauFactor must be in (0, 1) (was {PlateauFactor}).");
        Require(GradientClipNorm is null or > 0, $"GradientClipNorm must be positive (was {GradientClipNorm}).");
        Require(EarlyStoppingPatience is null or >= 1, $"EarlyStoppingPatience must be at least 1 (was {EarlyStoppingPatience}).");
        Require(ShufflePoolSize >= 1, $"ShufflePoolSize must be at least 1 (was {ShufflePoolSize}).");
    }

    private protected static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
