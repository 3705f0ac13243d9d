using Cnn.MLNet.Transforms;
using Microsoft.ML;

namespace Cnn.MLNet;

/// <summary>Sequence-encoding transforms on <c>mlContext.Transforms</c>.</summary>
public static class SequenceTransformsCatalog
{
    /// <summary>
    /// One-hot encodes sequences from a text column into a (channels × length)
    /// <c>vector&lt;float&gt;</c> column, channel-major (index = channel × length + position),
    /// for Conv1D networks. IUPAC ambiguity codes become fractional probabilities, gaps
    /// (<c>-</c>, <c>.</c>) all-zero columns, lowercase is accepted, and any other character is
    /// an error. Sequences are padded or truncated at the end.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The name of the encoded column.</param>
    /// <param name="inputColumnName">The text column holding one sequence per row; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="length">
    /// The window length; null learns it in Fit as the longest training sequence (capped at
    /// <see cref="OneHotSequenceEstimator.Options.DefaultMaxLength"/>).
    /// </param>
    /// <param name="alphabet">The alphabet; DNA (channels A, C, G, T) by default.</param>
    /// <returns>The estimator.</returns>
    /// <example><code>
    /// var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50);
    /// </code></example>
    public static OneHotSequenceEstimator OneHotEncodeSequence(
        this TransformsCatalog catalog,
        string outputColumnName,
        string? inputColumnName = null,
        int? length = null,
        SequenceAlphabet alphabet = SequenceAlphabet.Dna)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OneHotSequenceEstimator(new OneHotSequenceEstimator.Options
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Length = length,
            Alphabet = alphabet,
        });
    }

    /// <summary>
    /// One-hot encodes sequences with every option available: alphabet, length or its cap,
    /// anchor, unknown-character policy, soft-mask channel, reverse complement and k-mer order
    /// (dinucleotide, trinucleotide… channels).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options (copied).</param>
    /// <returns>The estimator.</returns>
    public static OneHotSequenceEstimator OneHotEncodeSequence(this TransformsCatalog catalog, OneHotSequenceEstimator.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OneHotSequenceEstimator(options);
    }
}
