namespace Cnn.MLNet.Genomics;

/// <summary>What a profile dataset from <see cref="ProfileTrainingData.Build"/> holds.</summary>
/// <param name="Peaks">Peak windows (rows with <c>IsPeak</c> true).</param>
/// <param name="BackgroundRows">GC-matched background windows (rows with <c>IsPeak</c> false), after the peaks.</param>
/// <param name="ExcludedPeaks">Peaks dropped because their input window overlaps <see cref="ProfileTrainingOptions.Exclude"/> (not in <paramref name="Peaks"/>).</param>
/// <param name="PaddedPeaks">Peak windows reaching past a chromosome end (bases padded with N, track values 0; kept).</param>
/// <param name="Tracks">The number of tracks T (label blocks).</param>
/// <param name="Positions">The positions P per track (<c>OutputLength / BinSize</c>); the label has T × P values.</param>
/// <param name="TrackNames">The tracks' sources, in label order.</param>
/// <param name="StrandedPairs">
/// Pairs of label blocks (plus, minus) that are the two strands of one experiment: (0, 1) for
/// <see cref="ProfileTrainingOptions.StrandedTracks"/>, none for unstranded tracks. Reverse-complement
/// augmentation swaps the pair and reverses each block.
/// </param>
/// <param name="PeakTotals">Per track, in label order, the total count over the peaks' output windows.</param>
/// <param name="PeakTotalAllTracks">The same summed over the tracks per peak (the total a single count head predicts).</param>
/// <param name="Gc">The GC match of the background, or null without background.</param>
public sealed record ProfileDataReport(
    long Peaks,
    long BackgroundRows,
    long ExcludedPeaks,
    long PaddedPeaks,
    int Tracks,
    int Positions,
    IReadOnlyList<string> TrackNames,
    IReadOnlyList<(int Plus, int Minus)> StrandedPairs,
    IReadOnlyList<ProfileCountSummary> PeakTotals,
    ProfileCountSummary PeakTotalAllTracks,
    GcMatchReport? Gc)
{
    /// <summary>Excluded regions on chromosomes the genome lacks, ignored; 0 without excluded regions.</summary>
    public int ExcludedRegionsNotInGenome { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Peaks:N0} peak windows ({PaddedPeaks:N0} padded past a chromosome end, {ExcludedPeaks:N0} dropped as excluded), "
        + $"{BackgroundRows:N0} GC-matched background windows; {Tracks} track(s) × {Positions:N0} positions"
        + (StrandedPairs.Count > 0 ? " (stranded: plus, minus)" : "")
        + $"; median total count over peaks {PeakTotalAllTracks.Median:G4}"
        + (Gc is null ? "." : $"; background mean GC {Gc.BackgroundMeanGc:F3} vs peaks {Gc.PositiveMeanGc:F3}.");
}
