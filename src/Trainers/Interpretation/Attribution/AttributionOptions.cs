namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Everything <c>ml.Transforms.ComputeAttributions(model, options)</c> can be told: the method, the
/// references it explains against, the output layout and the columns. The defaults give DeepSHAP
/// (<see cref="AttributionMethod.DeepLift"/> with 20 dinucleotide-shuffled references) only when
/// <see cref="Method"/> says so: the default method stays gradient × input.
/// </summary>
public sealed class AttributionOptions
{
    /// <summary>The default number of references per row for DeepLIFT (DeepSHAP) with shuffled references.</summary>
    public const int DefaultReferences = 20;

    /// <summary>The default number of path points for integrated gradients.</summary>
    public const int DefaultSteps = 50;

    /// <summary>The method.</summary>
    public AttributionMethod Method { get; set; } = AttributionMethod.Saliency;

    /// <summary>Per base (channels × length, channel-major) or per position (the sum over channels).</summary>
    public AttributionShape Shape { get; set; } = AttributionShape.PerBase;

    /// <summary>
    /// The raw output to explain, in [0, outputs − 1]; null: the only output, or each row's predicted class for multiclass.
    /// For profile and binned-track models it is the track, in [0, tracks − 1]; null: all tracks together.
    /// </summary>
    public int? TargetOutput { get; set; }

    /// <summary>
    /// For profile models, what to explain: <see cref="TrackAttributionTarget.Count"/> (the default; the
    /// predicted log count) or <see cref="TrackAttributionTarget.Profile"/> (BPNet's profile target).
    /// Binned-track models always explain the sum of the track's bins. Ignored for other models.
    /// </summary>
    public TrackAttributionTarget TrackTarget { get; set; } = TrackAttributionTarget.Count;

    /// <summary>What DeepLIFT and integrated gradients explain the prediction against.</summary>
    public AttributionBaseline Baseline { get; set; } = AttributionBaseline.Automatic;

    /// <summary>
    /// References per row when they are random (dinucleotide shuffles); the attributions are the
    /// mean over them. Fixed baselines (zero, uniform, blurred) are one reference whatever this says.
    /// </summary>
    public int References { get; set; } = DefaultReferences;

    /// <summary>Points on the path for integrated gradients (midpoint rule): more points, smaller summation error.</summary>
    public int Steps { get; set; } = DefaultSteps;

    /// <summary>The seed of the dinucleotide shuffles (each sequence's shuffles also depend on the sequence, not on its row or batch).</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The Gaussian's standard deviation in pixels for <see cref="AttributionBaseline.Blurred"/>.</summary>
    public double BlurSigma { get; set; } = 5;

    /// <summary>
    /// Output hypothetical contributions: for every symbol channel at every position, the
    /// contribution that symbol would make there (DeepLIFT: mean over references of
    /// m_b − Σ_c m_c·r_c; saliency: the simplex-corrected gradient). The actual contribution is the
    /// hypothetical one of the present symbol; motif discovery (TF-MoDISco) clusters these.
    /// One-hot sequence inputs of order 1, <see cref="AttributionShape.PerBase"/>, DeepLIFT or saliency only.
    /// </summary>
    public bool Hypothetical { get; set; }

    /// <summary>
    /// For saliency on one-hot sequences: subtract, at each position, the mean gradient over the
    /// symbol channels before multiplying by the input (Majdandzic et al. 2023). A one-hot input
    /// lives on a simplex, so the gradient's component off the simplex is arbitrary and only adds
    /// noise. On by default; ignored for images and plain vectors.
    /// </summary>
    public bool SimplexCorrection { get; set; } = true;

    /// <summary>The appended attribution column.</summary>
    public string OutputColumnName { get; set; } = "Attribution";

    /// <summary>The encoded-input column; null: the model's feature column.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>
    /// For DeepLIFT and integrated gradients, a Single column with each row's summation error:
    /// |Σ contributions − (output − mean reference output)| / max(|output − mean reference output|, 10⁻³).
    /// Null adds no column.
    /// </summary>
    public string? SummationErrorColumnName { get; set; } = "AttributionError";
}
