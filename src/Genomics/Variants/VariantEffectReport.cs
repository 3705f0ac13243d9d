namespace Cnn.MLNet.Genomics;

/// <summary>What a variant-effect run did: counts by outcome, the model's outputs, time taken.</summary>
public sealed record VariantEffectReport
{
    /// <summary>The VCF data records in the range.</summary>
    public long Records { get; init; }

    /// <summary>The variants (records split per ALT) in the range: one output row each.</summary>
    public long Variants { get; init; }

    /// <summary>Variants sent through the model (first copies only; duplicates reuse their scores).</summary>
    public long Scored { get; init; }

    /// <summary>Scored variants whose windows reach past a chromosome end (N-padded).</summary>
    public long Padded { get; init; }

    /// <summary>Variants not scored because REF or ALT is longer than the model's input.</summary>
    public long TooLong { get; init; }

    /// <summary>Swapped records skipped (REF ≠ genome, ALT = genome).</summary>
    public long Swapped { get; init; }

    /// <summary>Swapped records scored with REF and ALT exchanged (<see cref="VariantEffectOptions.FlipSwapped"/>).</summary>
    public long SwappedFlipped { get; init; }

    /// <summary>Variants skipped because REF is not the genome's (<see cref="VariantEffectOptions.AllowRefMismatch"/>).</summary>
    public long RefMismatches { get; init; }

    /// <summary>Variants equal to an earlier record's (chromosome, position, REF, ALT).</summary>
    public long Duplicates { get; init; }

    /// <summary>Symbolic ALT alleles skipped.</summary>
    public long Symbolic { get; init; }

    /// <summary>The model's input length, and so the window length.</summary>
    public int WindowLength { get; init; }

    /// <summary>The model's outputs scored per window, e.g. <c>Probability</c>, <c>Score</c>, or <c>Score.0</c>, <c>Score.1</c>, ….</summary>
    public IReadOnlyList<string> OutputNames { get; init; } = [];

    /// <summary>Whether the outputs are probabilities (binary models), for which log-odds are reported.</summary>
    public bool IsProbability { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Variants written per second.</summary>
    public double VariantsPerSecond => Elapsed.TotalSeconds > 0 ? Variants / Elapsed.TotalSeconds : 0;
}
