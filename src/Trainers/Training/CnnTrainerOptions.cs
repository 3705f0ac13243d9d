namespace Cnn.MLNet.Trainers;

/// <summary>The optimiser that updates the weights.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma &amp; Ba), with L2 weight decay added to the gradient.</summary>
    Adam,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW,
    /// <summary>Stochastic gradient descent with momentum (<see cref="CnnTrainingOptions.Momentum"/>).</summary>
    Sgd,
}

/// <summary>How the learning rate changes over epochs.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate every epoch.</summary>
    Constant,
    /// <summary>Multiplied by <see cref="CnnTrainingOptions.StepGamma"/> every <see cref="CnnTrainingOptions.StepEpochs"/> epochs.</summary>
    Step,
    /// <summary>Cosine annealing from the initial rate to zero over <see cref="CnnTrainingOptions.Epochs"/>.</summary>
    Cosine,
    /// <summary>
    /// Multiplied by <see cref="CnnTrainingOptions.PlateauFactor"/> when the monitored loss (validation
    /// loss when validation data is given, else training loss) has not improved for
    /// <see cref="CnnTrainingOptions.PlateauPatience"/> epochs.
    /// </summary>
    ReduceOnPlateau,
}

/// <summary>
/// Options shared by every Cnn trainer: the training settings (<see cref="CnnTrainingOptions"/>:
/// network, epochs, batch size, optimiser, early stopping, seed…) plus what ties a trainer to its
/// data and model (columns, input shape, augmentation, fine-tuning, checkpoints, scoring batch).
/// Plain settable properties with documented defaults
/// (a <c>class, new()</c> object, so AutoML's sweepable estimators can use it where available).
/// <see cref="Microsoft.ML.IEstimator{TTransformer}.Fit"/> never changes them.
/// </summary>
public abstract class CnnTrainerOptions : CnnTrainingOptions
{
    /// <summary>The input column: a known-size vector of Single, channel-major — channels × length as
    /// <c>OneHotEncodeSequence</c> writes it, or channels × height × width as ML.NET's
    /// <c>ExtractPixels</c> writes it (with its default <c>interleavePixelColors: false</c>). Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The label column. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

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

    /// <summary>Rows per forward pass when scoring with <c>Transform</c>. Default 256.</summary>
    public int ScoringBatchSize { get; set; } = 256;

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

    /// <summary>Checks every option; the message names the option.</summary>
    internal override void Validate()
    {
        base.Validate();
        Require(!string.IsNullOrWhiteSpace(FeatureColumnName), "FeatureColumnName must be set.");
        Require(!string.IsNullOrWhiteSpace(LabelColumnName), "LabelColumnName must be set.");
        Require(ScoringBatchSize >= 1, $"ScoringBatchSize must be at least 1 (was {ScoringBatchSize}).");
        Require(!Resume || !string.IsNullOrWhiteSpace(CheckpointDirectory), "Resume needs a CheckpointDirectory to resume from.");
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
