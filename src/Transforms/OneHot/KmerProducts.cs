namespace Cnn.MLNet.Transforms.OneHot;

/// <summary>
/// Turns a first-order window (A base channels × L bases, channel-major) into its k-mer encoding
/// (A^k channels × (L − k + 1) positions): the value of k-mer b₀…b₍k−1₎ at position p is
/// base[b₀][p] × base[b₁][p + 1] × … × base[b₍k−1₎][p + k − 1], multiplied left to right.
/// </summary>
/// <remarks>
/// The product is the probability of the k-mer when each base's column is a distribution, so an
/// ambiguity code spreads over the k-mers it stands for (AN → AA, AC, AG, AT at ¼ each) and a k-mer
/// touching a gap, padding or a zeroed unknown character is an all-zero column, with no special case.
/// The left-to-right order is fixed because the ONNX export multiplies in the same order and must
/// match bit for bit.
/// </remarks>
internal static class KmerProducts
{
    /// <summary>Writes every k-mer channel of <paramref name="bases"/> into <paramref name="destination"/>.</summary>
    /// <param name="bases">The first-order window, A base channels × <paramref name="length"/>.</param>
    /// <param name="length">L, the bases.</param>
    /// <param name="order">k.</param>
    /// <param name="digits"><see cref="KmerChannels.Digits"/> for A and k.</param>
    /// <param name="destination">A^k × (L − k + 1) values, every one written.</param>
    public static void Write(ReadOnlySpan<float> bases, int length, int order, int[] digits, Span<float> destination)
    {
        int positions = length - order + 1;
        int channels = digits.Length / order;
        for (int channel = 0; channel < channels; channel++)
        {
            var row = destination.Slice(channel * positions, positions);
            // Channel-major: each k-mer row is k contiguous, shifted slices of base rows multiplied in place.
            bases.Slice(digits[channel * order] * length, positions).CopyTo(row);
            for (int j = 1; j < order; j++)
            {
                var next = bases.Slice(digits[channel * order + j] * length + j, positions);
                for (int p = 0; p < positions; p++)
                {
                    row[p] *= next[p];
                }
            }
        }
    }
}
