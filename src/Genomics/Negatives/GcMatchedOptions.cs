namespace Cnn.MLNet.Genomics;

/// <summary>Settings for <see cref="GcMatchedBackground.Sample"/>.</summary>
public sealed class GcMatchedOptions
{
    /// <summary>Number of equal-width GC bins over [0, 1] whose counts are matched. Default 20 (width 0.05).</summary>
    public int Bins { get; set; } = 20;

    /// <summary>
    /// Bases added on both sides of every positive before checking overlap, so background keeps
    /// clear of peak flanks. Null (the default) means the requested interval length.
    /// </summary>
    public long? Margin { get; set; }

    /// <summary>Largest fraction of unknown (non-A/C/G/T) bases a background interval may contain. Default 0.1.</summary>
    public double MaxUnknownFraction { get; set; } = 0.1;

    /// <summary>
    /// Candidate draws allowed per requested interval before giving up with an
    /// <see cref="InvalidOperationException"/> that names the unfilled GC bins. Default 1,000.
    /// </summary>
    public int MaxAttemptsPerInterval { get; set; } = 1000;

    /// <summary>Whether two background intervals may overlap each other. Default false (every interval is distinct sequence).</summary>
    public bool AllowOverlappingBackground { get; set; }

    /// <summary>
    /// Regions (such as the ENCODE blacklist) no background interval may share a base with: candidates
    /// overlapping one are rejected and counted in <see cref="GcMatchReport.ExcludedDraws"/>. Null (the
    /// default) excludes nothing beyond the positives.
    /// </summary>
    public ExcludedRegions? Exclude { get; set; }
}
