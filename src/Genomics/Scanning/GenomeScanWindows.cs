namespace Cnn.MLNet.Genomics;

/// <summary>
/// Where the windows of a scan lie and which bedGraph bin each one fills. Window <c>k</c> of a
/// chromosome of length <c>n</c> covers <c>[k·s, k·s + L)</c> (stride <c>s</c>, model length
/// <c>L</c>; bases past the end are <c>N</c>, as <see cref="Genome.Slice"/> pads them). Its value
/// goes to the stride-wide bin around its centre, <c>[k·s + L/2 − s/2, k·s + L/2 − s/2 + s)</c>
/// (integer halves), clipped to <c>[0, n)</c>; neighbouring bins touch and never overlap. A window
/// is scored when it starts before the chromosome's end and its clipped bin is not empty, so the
/// count is <c>min(⌈n / s⌉, ⌈(n − (L/2 − s/2)) / s⌉)</c> (0 when that is negative): windows running
/// past the end are scored (N-padded) while their centre bin still overlaps the chromosome.
/// </summary>
internal static class GenomeScanWindows
{
    /// <summary>The number of windows scored on a chromosome of <paramref name="chromosomeLength"/> bases.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowLength"/> or <paramref name="stride"/> is below 1, or the length is negative.</exception>
    public static long Count(long chromosomeLength, int windowLength, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chromosomeLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        long byStart = CeilingDivide(chromosomeLength, stride);
        long byBin = CeilingDivide(chromosomeLength - BinOffset(windowLength, stride), stride);
        return Math.Max(0, Math.Min(byStart, byBin));
    }

    /// <summary>The first base of window <paramref name="index"/>.</summary>
    public static long Start(long index, int stride) => index * stride;

    /// <summary>The bin of window <paramref name="index"/>, <c>[Start, End)</c>, clipped to the chromosome.</summary>
    public static (long Start, long End) Bin(long index, long chromosomeLength, int windowLength, int stride)
    {
        long start = index * stride + BinOffset(windowLength, stride);
        return (Math.Clamp(start, 0, chromosomeLength), Math.Clamp(start + stride, 0, chromosomeLength));
    }

    private static long BinOffset(int windowLength, int stride) => windowLength / 2 - stride / 2;

    private static long CeilingDivide(long value, long divisor) => value <= 0 ? 0 : (value + divisor - 1) / divisor;
}
