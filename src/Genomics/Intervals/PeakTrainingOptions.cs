namespace Cnn.MLNet.Genomics;

/// <summary>Options of <see cref="PeakTrainingData.Build(Microsoft.ML.MLContext, Genome, PeakTrainingOptions)"/>.</summary>
public sealed class PeakTrainingOptions
{
    /// <summary>The peaks (BED of any dialect, gzip accepted). Required.</summary>
    public string BedPath { get; set; } = "";

    /// <summary>Window length in bases. Default 1,000.</summary>
    public int Length { get; set; } = 1000;

    /// <summary>
    /// Where each peak's window sits. Default <see cref="WindowAnchor.Centre"/>;
    /// <see cref="WindowAnchor.Summit"/> centres it on a narrowPeak's summit (column 10), as BPNet and
    /// ChromBPNet do, and GC-matched background then matches the GC of the summit windows.
    /// </summary>
    public WindowAnchor Anchor { get; set; } = WindowAnchor.Centre;

    /// <summary>Where the negatives come from. Default <see cref="NegativeKind.Shuffle"/>.</summary>
    public NegativeKind Negatives { get; set; } = NegativeKind.Shuffle;

    /// <summary>Seed of the shuffles or the background draws. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Regions no positive or background window may share a base with (a blacklist); null for none.</summary>
    public ExcludedRegions? Exclude { get; set; }
}
