namespace Cnn.MLNet.Interpretation;

/// <summary>Options of <see cref="MotifScanner"/>; the defaults are FIMO's.</summary>
public sealed class MotifScanOptions
{
    /// <summary>Windows with a p-value above this are not reported. Default 1e-4 (FIMO's <c>--thresh</c>).</summary>
    public double PValueThreshold { get; set; } = 1e-4;

    /// <summary>Background base frequencies in A, C, G, T order; null for uniform (0.25 each). A MEME file's background fits here.</summary>
    public IReadOnlyList<double>? Background { get; set; }

    /// <summary>
    /// Pseudocount added to the motif's counts, spread by the background (FIMO's <c>--motif-pseudo</c>,
    /// default 0.1), so no base has probability 0 and no score is −∞. Counts are the probabilities
    /// times the motif's sites, or 20 sites when the motif does not say (MEME's convention).
    /// </summary>
    public double Pseudocount { get; set; } = 0.1;

    /// <summary>Scan the reverse complement too. Default true (FIMO's default; <c>--norc</c> turns it off).</summary>
    public bool BothStrands { get; set; } = true;

    internal void Validate()
    {
        if (!(PValueThreshold > 0 && PValueThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(PValueThreshold), PValueThreshold, "PValueThreshold must be in (0, 1].");
        if (!(Pseudocount >= 0) || double.IsInfinity(Pseudocount))
            throw new ArgumentOutOfRangeException(nameof(Pseudocount), Pseudocount, "Pseudocount must be a finite number, 0 or more.");
        if (Background is { } background)
        {
            if (background.Count != 4 || background.Any(p => !(p > 0)) || Math.Abs(background.Sum() - 1) > 0.01)
                throw new ArgumentException($"Background must hold 4 positive frequencies (A, C, G, T) summing to 1; it holds [{string.Join(", ", background)}].", nameof(Background));
        }
    }
}
