namespace Cnn.MLNet.Genomics;

/// <summary>How well a GC-matched background matches its positives.</summary>
/// <param name="Bins">Per-bin counts, positives against background.</param>
/// <param name="PositiveMeanGc">Mean GC fraction of the positives' centred windows.</param>
/// <param name="BackgroundMeanGc">Mean GC fraction of the sampled background intervals.</param>
/// <param name="Attempts">Candidate intervals drawn to fill the quotas.</param>
public sealed record GcMatchReport(IReadOnlyList<GcBin> Bins, double PositiveMeanGc, double BackgroundMeanGc, long Attempts)
{
    /// <summary>Candidate draws rejected because they overlap <see cref="GcMatchedOptions.Exclude"/> (part of <see cref="Attempts"/>); 0 without it.</summary>
    public long ExcludedDraws { get; init; }
}
