namespace Cnn.MLNet.Transforms;

/// <summary>
/// The alphabet a sequence is written in. It fixes the encoding's channels, their order, and the
/// ambiguity codes that are read as fractional probabilities.
/// </summary>
public enum SequenceAlphabet
{
    /// <summary>
    /// DNA: channels A, C, G, T (the order Conv1D models expect). IUPAC ambiguity codes
    /// R, Y, S, W, K, M, B, D, H, V and N are spread evenly over the bases they stand for
    /// (R = ½A + ½G, B = ⅓C + ⅓G + ⅓T, N = ¼ each, …). U is not a DNA base: use
    /// <see cref="Rna"/> for RNA.
    /// </summary>
    Dna = 0,

    /// <summary>
    /// RNA: channels A, C, G, U. U is read as the fourth channel, and so is T (so DNA-style
    /// input is accepted). The same IUPAC ambiguity codes as <see cref="Dna"/> apply, with U in
    /// place of T.
    /// </summary>
    Rna = 1,

    /// <summary>
    /// Protein: 20 channels, one per standard amino acid, in the order
    /// A C D E F G H I K L M N P Q R S T V W Y. Ambiguity codes: B = ½D + ½N, Z = ½E + ½Q,
    /// J = ½I + ½L, X = 1/20 each. Other letters (U selenocysteine, O pyrrolysine, * stop) are
    /// unknown characters. Reverse complement does not apply to protein.
    /// </summary>
    Protein = 2,
}
