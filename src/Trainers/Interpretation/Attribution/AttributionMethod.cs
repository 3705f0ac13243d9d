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
}

/// <summary>The layout of the attribution column.</summary>
public enum AttributionShape
{
    /// <summary>One value per channel and position (channels × length, channel-major, as the encoded input); any soft-mask channel gets 0 from in-silico mutagenesis.</summary>
    PerBase,

    /// <summary>One value per position: the sum over channels of <see cref="PerBase"/> (for in-silico mutagenesis, the sum of the substitution effects).</summary>
    PerPosition,
}
