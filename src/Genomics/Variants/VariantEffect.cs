namespace Cnn.MLNet.Genomics;

/// <summary>
/// The predicted effect of one ALT allele of a VCF record (multi-allelic records give one per ALT):
/// the model's outputs on the window carrying REF and on the window carrying ALT, or none where the
/// variant was not scored (see <see cref="Flags"/>).
/// </summary>
/// <param name="Record">The VCF record.</param>
/// <param name="AltIndex">Which of the record's ALT alleles (0-based).</param>
/// <param name="Flags">Why the scores are what they are; see <see cref="VariantFlags"/>.</param>
/// <param name="RefScores">The outputs on the REF window (one per model output; <see cref="VariantEffectReport.OutputNames"/>), or null when not scored.</param>
/// <param name="AltScores">The outputs on the ALT window, or null when not scored.</param>
public sealed record VariantEffect(VcfRecord Record, int AltIndex, VariantFlags Flags, IReadOnlyList<float>? RefScores, IReadOnlyList<float>? AltScores)
{
    // Probabilities are clipped this far from 0 and 1 before the logit, so a saturated output gives a large finite log-odds.
    private const double ProbabilityClip = 1e-7;

    /// <summary>The ALT allele.</summary>
    public string Alt => Record.Alts[AltIndex];

    /// <summary>Whether the variant has scores (its own or, for a duplicate, the first copy's).</summary>
    public bool IsScored => RefScores is not null && AltScores is not null;

    /// <summary>ALT score − REF score for output <paramref name="output"/>; NaN when not scored.</summary>
    public float Delta(int output = 0) => IsScored ? AltScores![output] - RefScores![output] : float.NaN;

    /// <summary>
    /// logit(p_alt) − logit(p_ref) for output <paramref name="output"/>, for outputs that are
    /// probabilities (binary models); probabilities are clipped to [1e-7, 1 − 1e-7]. NaN when not scored.
    /// </summary>
    public float LogOdds(int output = 0) => IsScored ? (float)(Logit(AltScores![output]) - Logit(RefScores![output])) : float.NaN;

    private static double Logit(float p)
    {
        double q = Math.Clamp(p, ProbabilityClip, 1 - ProbabilityClip);
        return Math.Log(q / (1 - q));
    }
}
