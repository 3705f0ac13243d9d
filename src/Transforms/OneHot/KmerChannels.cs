namespace Cnn.MLNet.Transforms.OneHot;

/// <summary>
/// The channels of a k-mer encoding: one per k-mer of an alphabet of A symbols, in lexicographic
/// order of the alphabet's channel order, so the k-mer b₀…b₍k−1₎ is channel
/// Σ index(bⱼ) × A^(k−1−j) (the first base is the most significant digit). Order 1 is the
/// alphabet itself.
/// </summary>
internal static class KmerChannels
{
    /// <summary>A^k, without overflow for the orders a spec allows.</summary>
    public static long Count(int alphabetSize, int order)
    {
        long count = 1;
        for (int i = 0; i < order; i++) count *= alphabetSize;
        return count;
    }

    /// <summary>The channel names: every k-mer of <paramref name="symbols"/>, lexicographically.</summary>
    public static IEnumerable<string> Names(string symbols, int order)
    {
        int count = checked((int)Count(symbols.Length, order));
        var name = new char[order];
        for (int channel = 0; channel < count; channel++)
        {
            int rest = channel;
            for (int j = order - 1; j >= 0; j--)
            {
                name[j] = symbols[rest % symbols.Length];
                rest /= symbols.Length;
            }
            yield return new string(name);
        }
    }

    /// <summary>
    /// The base channel of each digit of every k-mer channel: <c>digits[channel × order + j]</c> is
    /// the alphabet channel of the k-mer's base j.
    /// </summary>
    public static int[] Digits(int alphabetSize, int order)
    {
        int count = checked((int)Count(alphabetSize, order));
        var digits = new int[count * order];
        for (int channel = 0; channel < count; channel++)
        {
            int rest = channel;
            for (int j = order - 1; j >= 0; j--)
            {
                digits[channel * order + j] = rest % alphabetSize;
                rest /= alphabetSize;
            }
        }
        return digits;
    }

    /// <summary>
    /// The reverse-complement permutation of k-mer channels: channel c holds the k-mer whose
    /// reverse complement (bases reversed, each complemented) is channel <c>result[c]</c>. It is an
    /// involution (its own inverse). With positions reversed it maps the encoding of a window onto
    /// the encoding of the window's reverse complement.
    /// </summary>
    /// <param name="complementChannel">The alphabet's channel pairing (A↔T, C↔G for DNA).</param>
    /// <param name="order">The k-mer order.</param>
    public static int[] ReverseComplementPermutation(IReadOnlyList<int> complementChannel, int order)
    {
        int size = complementChannel.Count;
        var digits = Digits(size, order);
        var permutation = new int[digits.Length / order];
        for (int channel = 0; channel < permutation.Length; channel++)
        {
            int complement = 0;
            for (int j = order - 1; j >= 0; j--)
            {
                complement = complement * size + complementChannel[digits[channel * order + j]];
            }
            permutation[channel] = complement;
        }
        return permutation;
    }
}
