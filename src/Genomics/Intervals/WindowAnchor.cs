namespace Cnn.MLNet.Genomics;

/// <summary>Where a fixed-length window sits on its BED interval. Strand is ignored.</summary>
public enum WindowAnchor
{
    /// <summary>
    /// Centred on the interval's midpoint <c>m = Start + (End − Start) / 2</c> (integer division):
    /// the window is <c>[m − Length / 2, m − Length / 2 + Length)</c>, so for an odd length the
    /// midpoint is the middle base, for an even length the first base right of the middle.
    /// </summary>
    Centre,

    /// <summary>Starts at the interval's start: <c>[Start, Start + Length)</c>.</summary>
    Start,

    /// <summary>Ends at the interval's end: <c>[End − Length, End)</c>.</summary>
    End,

    /// <summary>
    /// Centred on the ENCODE narrowPeak summit <c>s = Start + peak</c> (column 10):
    /// <c>[s − Length / 2, s − Length / 2 + Length)</c>, like <see cref="Centre"/> with <c>s</c> for
    /// the midpoint. A peak of <c>-1</c> (no summit called) falls back to the midpoint; a line without
    /// column 10, or a summit outside its peak, is a <see cref="FormatException"/>.
    /// </summary>
    Summit,
}
