using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Trainers;

/// <summary>The optimiser that updates the weights.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma &amp; Ba), with L2 weight decay added to the gradient.</summary>
    Adam,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW,
    /// <summary>Stochastic gradient descent with momentum (<see cref="CnnTrainerOptions.Momentum"/>).</summary>
    Sgd,
}

/// <summary>How the learning rate changes over epochs.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate every epoch.</summary>
    Constant,
    /// <summary>Multiplied by <see cref="CnnTrainerOptions.StepGamma"/> every <see cref="CnnTrainerOptions.StepEpochs"/> epochs.</summary>
    Step,
    /// <summary>Cosine annealing from the initial rate to zero over <see cref="CnnTrainerOptions.Epochs"/>.</summary>
    Cosine,
    /// <summary>
    /// Multiplied by <see cref="CnnTrainerOptions.PlateauFactor"/> when the monitored loss (validation
    /// loss when validation data is given, else training loss) has not improved for
    /// <see cref="CnnTrainerOptions.PlateauPatience"/> epochs.
    /// </summary>
    ReduceOnPlateau,
}

/// <summary>
/// Options shared by every Cnn trainer. Plain settable properties with documented defaults
/// (a <c>class, new()</c> object, so AutoML's sweepable estimators can use it where available).
/// <see cref="Microsoft.ML.IEstimator{TTransformer}.Fit"/> never changes them.
/// </summary>
public abstract class CnnTrainerOptions
{
    /// <summary>The input column: a known-size vector of Single, channel-major — channels × length as
    /// <c>OneHotEncodeSequence</c> writes it, or channels × height × width as ML.NET's
    /// <c>ExtractPixels</c> writes it (with its default <c>interleavePixelColors: false</c>). Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The label column. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The architecture. Default null: <see cref="NetworkPresets.DefaultFor"/> (TwoBlock, or Zou2019 for inputs under 34 positions).</summary>
    public NetworkSpec? Network { get; set; }

    /// <summary>
    /// Input channels, needed only when the feature column carries no sequence-encoding annotation
    /// (it does when it comes from <c>OneHotEncodeSequence</c>). Default null.
    /// </summary>
    public int? Channels { get; set; }

    /// <summary>
    /// Image rows, for a plain vector column holding images (channels × height × width,
    /// channel-major); with <see cref="Channels"/> (and optionally <see cref="Width"/>, checked
    /// against the column's size). Not needed for <c>ExtractPixels</c> output, whose type carries
    /// its dimensions. Default null: the input is a sequence unless the column says otherwise.
    /// </summary>
    public int? Height { get; set; }

    /// <summary>Image columns, optional with <see cref="Height"/> (then checked). Default null.</summary>
    public int? Width { get; set; }

    /// <summary>Random flips and shifts of training images (images only). Default null: off.</summary>
    public ImageAugmentation? Augmentation { get; set; }

    /// <summary>Reverse-complement and shift augmentation of training sequences (one-hot DNA/RNA only). Default null: off.</summary>
    public SequenceAugmentation? SequenceAugmentation { get; set; }

    /// <summary>
    /// Score every sequence on both strands and average the raw outputs (logits, values) of the
    /// sequence and its reverse complement, so a prediction is the same for either strand. Kept
    /// with the model and applied by <c>Transform</c>, <c>PredictionEngine</c> and saved models;
    /// training itself is unchanged. One-hot DNA/RNA only. Default false.
    /// </summary>
    public bool ReverseComplementAverage { get; set; }

    /// <summary>
    /// Fine-tuning: start from this trained model's weights instead of a random initialisation
    /// (e.g. <c>StartFrom = previousTransformer.Model</c>). The architecture and input shape are the
    /// start model's; the output layer is replaced when the new task has a different number of
    /// outputs (see <see cref="ResetOutputLayer"/>). Default null.
    /// </summary>
    public CnnModel? StartFrom { get; set; }

    /// <summary>With <see cref="StartFrom"/>: train only the head (dense and output layers), keeping the convolutional trunk's weights and batch-norm statistics. Default false.</summary>
    public bool FreezeTrunk { get; set; }

    /// <summary>
    /// With <see cref="StartFrom"/>: true always starts the output layer afresh, false always copies
    /// it (an error when the output count differs). Default null: replaced exactly when the output
    /// count differs (e.g. a new set of classes).
    /// </summary>
    public bool? ResetOutputLayer { get; set; }

    /// <summary>Passes over the training data. Default 20.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Rows per training step. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Default Adam.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>Initial learning rate. Default 0.001.</summary>
    public double LearningRate { get; set; } = 1e-3;

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
    /// keeping the best weights).
    /// </summary>
    public int? EarlyStoppingPatience { get; set; } = 5;

    /// <summary>Shuffle the training rows every epoch. Default true.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// Rows held in memory to shuffle data that cannot be shuffled in place (streamed from a file).
    /// Default 10,000. In-memory data is shuffled completely.
    /// </summary>
    public int ShufflePoolSize { get; set; } = 10_000;

    /// <summary>Rows per forward pass when scoring with <c>Transform</c>. Default 256.</summary>
    public int ScoringBatchSize { get; set; } = 256;

    /// <summary>
    /// libtorch intra-op threads while this trainer fits. Default null: the count fixed with
    /// <c>IntraOpThreads.Fix</c> or <c>OMP_NUM_THREADS</c>, else one thread per 16 MFLOP of a
    /// training step (small networks train fastest on one thread; see <c>IntraOpThreads</c>).
    /// The previous count is restored when <c>Fit</c> returns.
    /// </summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>
    /// A folder for training checkpoints. Default null: none. When set, the trainer writes
    /// <c>checkpoint.cnnckpt</c> there after every epoch, all or nothing (a temporary file, then a
    /// rename): weights, optimiser state, best weights, counters, history and random state.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// Continue from the checkpoint in <see cref="CheckpointDirectory"/> if there is one (a run
    /// interrupted mid-epoch loses only that epoch; on CPU with a fixed seed it ends with the same
    /// weights as an uninterrupted run). The checkpoint must come from a run with the same settings
    /// and data. Default false: start afresh (and overwrite the checkpoint).
    /// </summary>
    public bool Resume { get; set; }

    /// <summary>
    /// Stops training between batches with an <see cref="OperationCanceledException"/> (as
    /// <c>MLContext.CancelExecution()</c> does). The checkpoint of the last completed epoch stays.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Seed for weights, dropout and shuffling. Default null: drawn from the MLContext's seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Receives a report after every epoch (also logged to <c>MLContext.Log</c>). Default null.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Checks every option; the message names the option.</summary>
    internal virtual void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(!string.IsNullOrWhiteSpace(FeatureColumnName), "FeatureColumnName must be set.");
        Require(!string.IsNullOrWhiteSpace(LabelColumnName), "LabelColumnName must be set.");
        Require(Epochs >= 1, $"Epochs must be at least 1 (was {Epochs}).");
        Require(BatchSize >= 1, $"BatchSize must be at least 1 (was {BatchSize}).");
        Require(ScoringBatchSize >= 1, $"ScoringBatchSize must be at least 1 (was {ScoringBatchSize}).");
        Require(!Resume || !string.IsNullOrWhiteSpace(CheckpointDirectory), "Resume needs a CheckpointDirectory to resume from.");
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
        Require(Channels is null or >= 1, $"Channels must be at least 1 (was {Channels}).");
        Require(Height is null or >= 1, $"Height must be at least 1 (was {Height}).");
        Require(Width is null or >= 1, $"Width must be at least 1 (was {Width}).");
        Require(!FreezeTrunk || StartFrom != null, "FreezeTrunk needs StartFrom: a frozen trunk must come from a trained model.");
        Require(ResetOutputLayer == null || StartFrom != null, "ResetOutputLayer applies only with StartFrom.");
        Augmentation?.Validate();
        SequenceAugmentation?.Validate();
    }

    /// <summary>A shallow copy, so the estimator keeps its own options.</summary>
    internal CnnTrainerOptions Copy() => (CnnTrainerOptions)MemberwiseClone();
}
