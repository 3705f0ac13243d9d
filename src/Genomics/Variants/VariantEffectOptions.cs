namespace Cnn.MLNet.Genomics;

/// <summary>Settings of <see cref="VariantEffects"/>. The defaults score every record, forward strand only, and refuse REF mismatches.</summary>
public sealed class VariantEffectOptions
{
    /// <summary>Skip (flag <c>ref_mismatch</c>, count) records whose REF is not the genome's instead of refusing the file. Default false.</summary>
    public bool AllowRefMismatch { get; set; }

    /// <summary>Score swapped records (REF ≠ genome, ALT = genome) with the genome carrying ALT (flag <c>swapped_flipped</c>) instead of skipping them (flag <c>swapped</c>). Default false.</summary>
    public bool FlipSwapped { get; set; }

    /// <summary>Average each window's prediction with that of its reverse complement. Default false (the model's own strand averaging, if it has one, applies either way).</summary>
    public bool BothStrands { get; set; }

    /// <summary>Also score windows shifted by −K…K bases around the variant and average (K = 0: no shifts). Default 0.</summary>
    public int Shifts { get; set; }

    /// <summary>Only the records of this range are scored and written (default: all). Duplicates are still judged against every earlier record of the file.</summary>
    public VcfRecordRange? Records { get; set; }

    /// <summary>Variants per batch sent through the model; every batch has this many rows (padded), so a variant's scores never depend on its neighbours. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// In-silico mutagenesis around each scored variant: for the ref and alt windows, each of this
    /// many positions centred on the allele set to A, C, G and T in turn (0: none). Default 0.
    /// </summary>
    public int IsmWindow { get; set; }

    /// <summary>How many REF mismatches the refusal lists. Default 5.</summary>
    public int MismatchesListed { get; set; } = 5;

    internal void Validate()
    {
        if (Shifts < 0) throw new ArgumentOutOfRangeException(nameof(Shifts), Shifts, $"Shifts must be 0 or more, not {Shifts}.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"BatchSize must be at least 1, not {BatchSize}.");
        if (IsmWindow < 0) throw new ArgumentOutOfRangeException(nameof(IsmWindow), IsmWindow, $"IsmWindow must be 0 or more, not {IsmWindow}.");
    }
}
