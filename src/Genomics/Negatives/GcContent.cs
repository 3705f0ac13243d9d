namespace Cnn.MLNet.Genomics;

/// <summary>
/// GC content of a window of ASCII bases. Called bases are A, C, G and T in either case; anything
/// else (N, IUPAC ambiguity codes, gaps) is unknown. GC fraction is G+C over called bases, so
/// soft-masked (lowercase) bases count like uppercase ones and unknown bases do not dilute it.
/// </summary>
internal static class GcContent
{
    /// <summary>Counts the G/C bases and the called (A/C/G/T) bases in a window.</summary>
    public static (int Gc, int Called) Count(ReadOnlySpan<byte> bases)
    {
        int gc = 0, called = 0;
        foreach (byte b in bases)
        {
            switch (b)
            {
                case (byte)'G' or (byte)'C' or (byte)'g' or (byte)'c':
                    gc++;
                    called++;
                    break;
                case (byte)'A' or (byte)'T' or (byte)'a' or (byte)'t':
                    called++;
                    break;
            }
        }
        return (gc, called);
    }

    /// <summary>G+C over called bases; NaN when the window has no called base.</summary>
    public static double Fraction(ReadOnlySpan<byte> bases)
    {
        var (gc, called) = Count(bases);
        return called == 0 ? double.NaN : (double)gc / called;
    }

    /// <summary>
    /// The GC bin (0 to <paramref name="bins"/> − 1) of <paramref name="gc"/> G/C bases out of
    /// <paramref name="called"/> (at least 1), in exact integer arithmetic so a fraction on a bin
    /// boundary (say 140/200 = 0.70) always opens the upper bin; 1.0 falls in the last bin.
    /// </summary>
    public static int Bin(int gc, int called, int bins) => Math.Clamp((int)((long)gc * bins / called), 0, bins - 1);

    /// <summary>
    /// The GC bin (0 to <paramref name="bins"/> − 1) of a fraction in [0, 1]; 1.0 falls in the last
    /// bin. A fraction within 1e-9 below a boundary counts as on it, so a ratio of base counts bins
    /// as <see cref="Bin(int, int, int)"/> does despite rounding.
    /// </summary>
    public static int Bin(double fraction, int bins) => Math.Clamp((int)Math.Floor(fraction * bins + 1e-9), 0, bins - 1);
}
