namespace Cnn.MLNet.Genomics;

/// <summary>
/// The total count of one track (or of all tracks) over the output windows of the peaks, summed from
/// the label values (with <see cref="TrackBinning.Mean"/>, the sum of the bin means): what a profile
/// trainer needs to weigh its count loss (BPNet and ChromBPNet use the median total / 10).
/// </summary>
/// <param name="Track">The track's source, or "all tracks" for the sum over tracks.</param>
/// <param name="Median">The median total over peak windows.</param>
/// <param name="Mean">The mean total over peak windows.</param>
/// <param name="Min">The smallest total.</param>
/// <param name="Max">The largest total.</param>
public sealed record ProfileCountSummary(string Track, double Median, double Mean, double Min, double Max)
{
    /// <summary>Summarises <paramref name="totals"/> (not empty); sorts it in place.</summary>
    internal static ProfileCountSummary Of(string track, double[] totals)
    {
        Array.Sort(totals);
        int n = totals.Length;
        double median = n % 2 == 1 ? totals[n / 2] : (totals[n / 2 - 1] + totals[n / 2]) / 2;
        return new ProfileCountSummary(track, median, totals.Average(), totals[0], totals[^1]);
    }
}
