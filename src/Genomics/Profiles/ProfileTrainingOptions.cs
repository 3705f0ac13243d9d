namespace Cnn.MLNet.Genomics;

/// <summary>Options of <see cref="ProfileTrainingData.Build"/>: the peaks, the windows, the tracks and the background.</summary>
public sealed class ProfileTrainingOptions
{
    /// <summary>The peaks (BED of any dialect, gzip accepted; narrowPeak for <see cref="WindowAnchor.Summit"/>). Required.</summary>
    public string BedPath { get; set; } = "";

    /// <summary>
    /// The input window in bases (the <c>Sequence</c> column). Default 1,000, BPNet's input and output
    /// length; ChromBPNet uses 2,114 in and 1,000 out (set both for that).
    /// </summary>
    public int Length { get; set; } = 1000;

    /// <summary>
    /// The output window in bases, centred in the input window, that the label covers. Default 1,000.
    /// At most <see cref="Length"/>, with <c>Length − OutputLength</c> even (so it is centred exactly)
    /// and a multiple of <see cref="BinSize"/>.
    /// </summary>
    public int OutputLength { get; set; } = 1000;

    /// <summary>Where each peak's window sits: <see cref="WindowAnchor.Centre"/> (default) or, as BPNet does, <see cref="WindowAnchor.Summit"/>.</summary>
    public WindowAnchor Anchor { get; set; } = WindowAnchor.Centre;

    /// <summary>
    /// Unstranded tracks, one label block each in this order. Give this or <see cref="StrandedTracks"/>,
    /// not both. The tracks are read, never disposed: the caller owns them.
    /// </summary>
    public IReadOnlyList<ICoverageTrack>? Tracks { get; set; }

    /// <summary>
    /// A plus-strand and a minus-strand track of one experiment: label blocks 0 (plus) and 1 (minus),
    /// reported as a pair in <see cref="ProfileDataReport.StrandedPairs"/> so reverse-complement
    /// augmentation can swap them. Give this or <see cref="Tracks"/>, not both.
    /// </summary>
    public (ICoverageTrack Plus, ICoverageTrack Minus)? StrandedTracks { get; set; }

    /// <summary>Bases per label position. Default 1 (base resolution).</summary>
    public int BinSize { get; set; } = 1;

    /// <summary>How a bin's bases are combined when <see cref="BinSize"/> is above 1. Default <see cref="TrackBinning.Sum"/>.</summary>
    public TrackBinning Binning { get; set; } = TrackBinning.Sum;

    /// <summary>
    /// Background (non-peak) windows per peak window, GC-matched to the peaks and drawn away from them
    /// (<see cref="GcMatchedBackground"/>). Default 0.1, ChromBPNet's ratio of negatives to peaks, so
    /// the model also sees low-count regions without being swamped by them; 0 for peaks only.
    /// </summary>
    public double BackgroundFraction { get; set; } = 0.1;

    /// <summary>Regions (a blacklist) no peak or background window may share a base with; overlapping peaks are dropped and counted. Null for none.</summary>
    public ExcludedRegions? Exclude { get; set; }

    /// <summary>Seed of the background draws. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The tracks in label order (plus, minus for stranded tracks).</summary>
    internal IReadOnlyList<ICoverageTrack> ResolveTracks() =>
        StrandedTracks is var (plus, minus) ? [plus, minus] : Tracks!;

    /// <summary>Checks the options, naming the bad one.</summary>
    /// <exception cref="ArgumentException">An option is out of range or options contradict each other.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(BedPath))
            throw new ArgumentException($"Set {nameof(BedPath)} to the BED file of peaks.", nameof(BedPath));
        if (Length < 1)
            throw new ArgumentOutOfRangeException(nameof(Length), Length, "The input window length must be at least 1.");
        if (OutputLength < 1 || OutputLength > Length)
            throw new ArgumentOutOfRangeException(nameof(OutputLength), OutputLength, $"The output window must be between 1 and the input length {Length}.");
        if ((Length - OutputLength) % 2 != 0)
            throw new ArgumentException($"Length − OutputLength ({Length} − {OutputLength}) must be even, so the output window sits exactly in the middle of the input window.", nameof(OutputLength));
        if (BinSize < 1 || OutputLength % BinSize != 0)
            throw new ArgumentException($"{nameof(BinSize)} ({BinSize}) must be at least 1 and divide {nameof(OutputLength)} ({OutputLength}).", nameof(BinSize));
        if (!Enum.IsDefined(Binning))
            throw new ArgumentOutOfRangeException(nameof(Binning), Binning, "Unknown binning.");
        if (!Enum.IsDefined(Anchor))
            throw new ArgumentOutOfRangeException(nameof(Anchor), Anchor, "Unknown window anchor.");
        if (!(BackgroundFraction >= 0) || double.IsInfinity(BackgroundFraction))
            throw new ArgumentOutOfRangeException(nameof(BackgroundFraction), BackgroundFraction, "The background fraction is a number of background windows per peak window, 0 or more.");
        bool unstranded = Tracks is not null, stranded = StrandedTracks is not null;
        if (unstranded == stranded)
            throw new ArgumentException($"Give exactly one of {nameof(Tracks)} (unstranded) and {nameof(StrandedTracks)} (a plus/minus pair).", nameof(Tracks));
        if (unstranded && (Tracks!.Count == 0 || Tracks.Any(t => t is null)))
            throw new ArgumentException($"{nameof(Tracks)} must hold at least one track and no null.", nameof(Tracks));
        if (stranded && (StrandedTracks!.Value.Plus is null || StrandedTracks.Value.Minus is null))
            throw new ArgumentException($"{nameof(StrandedTracks)} needs both a plus and a minus track.", nameof(StrandedTracks));
    }
}
