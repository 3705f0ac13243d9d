namespace Cnn.MLNet.Interpretation;

/// <summary>How <see cref="AttributionTransformer"/> measures how much each input base drives a prediction.</summary>
public enum AttributionMethod
{
    /// <summary>
    /// Gradient × input: the gradient of the target output with respect to the encoded input,
    /// multiplied by the input. One forward and one backward pass per batch of rows. For a one-hot
    /// column only the present base is non-zero.
    /// </summary>
    Saliency,

    /// <summary>
    /// In-silico mutagenesis: the change of the target output when one base is substituted,
    /// score(mutant) − score(reference), for every position and each of A, C, G, T (U). The
    /// reference base's entry is 0. Costs 3 × length forward passes per one-hot sequence (4 per
    /// position at ambiguous or empty positions), run in chunks; DNA and RNA models only.
    /// </summary>
    InSilicoMutagenesis,

    /// <summary>
    /// DeepLIFT's rescale rule (Shrikumar et al. 2017) against <see cref="AttributionOptions.References"/>
    /// references per row, averaged: DeepSHAP (Lundberg &amp; Lee 2017; captum's <c>DeepLiftShap</c>).
    /// Contributions sum to the target output minus the mean output of the references
    /// (summation-to-delta), which is checked per row and reported. By default the references are
    /// dinucleotide shuffles of each DNA/RNA sequence (zeros for other inputs). Every layer our
    /// networks build has a rule; a network with any other layer is refused, naming the layer.
    /// Costs about three forward passes per row and reference.
    /// </summary>
    DeepLift,

    /// <summary>
    /// Integrated gradients (Sundararajan et al. 2017): (input − baseline) × the mean gradient at
    /// <see cref="AttributionOptions.Steps"/> points on the straight path from the baseline to
    /// the input (midpoint rule), averaged over the references. Contributions sum to the output
    /// minus the baseline output up to the path integral's discretisation error, which is reported
    /// like DeepLIFT's. By default the baseline is all zeros. Costs steps × references forward and
    /// backward passes per row.
    /// </summary>
    IntegratedGradients,
}

/// <summary>The reference inputs (baselines) that DeepLIFT and integrated gradients explain a prediction against.</summary>
public enum AttributionBaseline
{
    /// <summary>
    /// Dinucleotide shuffles of each one-hot DNA/RNA sequence for <see cref="AttributionMethod.DeepLift"/>
    /// (zeros for protein, k-mer, plain-vector and image inputs), and zeros for
    /// <see cref="AttributionMethod.IntegratedGradients"/>.
    /// </summary>
    Automatic,

    /// <summary>
    /// <see cref="AttributionOptions.References"/> shuffles of each sequence that keep its
    /// dinucleotide counts and its first and last base (Altschul–Erickson, as DeepLIFT's and
    /// tangermeme's <c>dinuc_shuffle</c>), seeded from <see cref="AttributionOptions.Seed"/> and the
    /// sequence itself, so a sequence gets the same references in any batch. One-hot sequences of
    /// order 1 only (a position's column, soft-mask channel included, is one symbol).
    /// </summary>
    DinucleotideShuffle,

    /// <summary>All zeros: no base (or a black image).</summary>
    Zero,

    /// <summary>Every symbol channel of a one-hot sequence at 1 / symbols (0.25 for DNA), the expected one-hot column under a uniform background; soft-mask channels at 0.</summary>
    Uniform,

    /// <summary>The image blurred with a Gaussian of <see cref="AttributionOptions.BlurSigma"/> pixels in each channel (images only): the input with its detail removed.</summary>
    Blurred,
}

/// <summary>The layout of the attribution column.</summary>
public enum AttributionShape
{
    /// <summary>One value per channel and position (channels × length, channel-major, as the encoded input); any soft-mask channel gets 0 from in-silico mutagenesis.</summary>
    PerBase,

    /// <summary>One value per position: the sum over channels of <see cref="PerBase"/> (for in-silico mutagenesis, the sum of the substitution effects).</summary>
    PerPosition,
}

/// <summary>What an attribution explains on a profile model (BPNet's two targets).</summary>
public enum TrackAttributionTarget
{
    /// <summary>The count head's log(total + 1): which bases raise or lower the amount of signal.</summary>
    Count,
    /// <summary>
    /// The profile: Σ over positions of (logit − mean logit) × softmax probability, the probabilities
    /// held fixed (BPNet, ChromBPNet): which bases shape where the signal falls.
    /// </summary>
    Profile,
}
