namespace Cnn.MLNet.Transforms.OneHot;

/// <summary>
/// The symbols of one alphabet: its channels in order, the symbols that stand for one channel,
/// the ambiguity codes that stand for several (spread evenly), and, for nucleic acids, the
/// complement of each channel.
/// </summary>
internal sealed class AlphabetDefinition
{
    /// <summary>The characters read as gaps (an all-zero column) in every alphabet.</summary>
    public const string GapCharacters = "-.";

    private AlphabetDefinition(
        SequenceAlphabet alphabet,
        string channels,
        IReadOnlyDictionary<char, string> symbols,
        int[]? complementChannel)
    {
        Alphabet = alphabet;
        Channels = channels;
        Symbols = symbols;
        ComplementChannel = complementChannel;
    }

    /// <summary>The alphabet this definition describes.</summary>
    public SequenceAlphabet Alphabet { get; }

    /// <summary>One character per channel, in channel order.</summary>
    public string Channels { get; }

    /// <summary>
    /// Every accepted uppercase symbol (gaps excluded) mapped to the channels it stands for;
    /// the weight of each is 1 / (number of channels).
    /// </summary>
    public IReadOnlyDictionary<char, string> Symbols { get; }

    /// <summary>For nucleic acids, the channel each channel pairs with; null for protein.</summary>
    public int[]? ComplementChannel { get; }

    /// <summary>DNA: A, C, G, T plus the IUPAC nucleotide ambiguity codes.</summary>
    public static AlphabetDefinition Dna { get; } = Nucleic(SequenceAlphabet.Dna, 'T', acceptBoth: false);

    /// <summary>RNA: A, C, G, U (T read as U) plus the IUPAC nucleotide ambiguity codes.</summary>
    public static AlphabetDefinition Rna { get; } = Nucleic(SequenceAlphabet.Rna, 'U', acceptBoth: true);

    /// <summary>Protein: the 20 standard amino acids plus B, Z, J and X.</summary>
    public static AlphabetDefinition Protein { get; } = BuildProtein();

    /// <summary>The definition of <paramref name="alphabet"/>.</summary>
    public static AlphabetDefinition For(SequenceAlphabet alphabet) => alphabet switch
    {
        SequenceAlphabet.Dna => Dna,
        SequenceAlphabet.Rna => Rna,
        SequenceAlphabet.Protein => Protein,
        _ => throw new ArgumentOutOfRangeException(nameof(alphabet), alphabet,
            $"Unknown sequence alphabet {(int)alphabet}; expected one of {string.Join(", ", Enum.GetNames<SequenceAlphabet>())}."),
    };

    /// <summary>A short human-readable list of what the alphabet accepts, for error messages.</summary>
    public string DescribeAccepted() =>
        $"{string.Join(' ', Channels.ToCharArray())}"
        + (Symbols.Count > Channels.Length
            ? $", ambiguity codes {string.Join(' ', Symbols.Keys.Where(k => Symbols[k].Length > 1).Order())}"
            : string.Empty)
        + (Alphabet == SequenceAlphabet.Rna ? ", T (read as U)" : string.Empty)
        + ", gaps - and . (upper or lower case)";

    private static AlphabetDefinition Nucleic(SequenceAlphabet alphabet, char fourth, bool acceptBoth)
    {
        string channels = "ACG" + fourth;
        // IUPAC nucleotide codes, written with T; mapped onto the fourth channel below.
        var iupac = new Dictionary<char, string>
        {
            ['A'] = "A",
            ['C'] = "C",
            ['G'] = "G",
            ['T'] = "T",
            ['R'] = "AG",
            ['Y'] = "CT",
            ['S'] = "CG",
            ['W'] = "AT",
            ['K'] = "GT",
            ['M'] = "AC",
            ['B'] = "CGT",
            ['D'] = "AGT",
            ['H'] = "ACT",
            ['V'] = "ACG",
            ['N'] = "ACGT",
        };
        var symbols = new Dictionary<char, string>();
        foreach (var (code, bases) in iupac)
        {
            symbols[code] = bases.Replace('T', fourth);
        }
        if (fourth == 'U')
        {
            symbols.Remove('T');
            symbols['U'] = "U";
            if (acceptBoth)
            {
                symbols['T'] = "U";
            }
        }
        // A↔T(U), C↔G.
        int[] complement = [3, 2, 1, 0];
        return new AlphabetDefinition(alphabet, channels, symbols, complement);
    }

    private static AlphabetDefinition BuildProtein()
    {
        const string aminoAcids = "ACDEFGHIKLMNPQRSTVWY";
        var symbols = aminoAcids.ToDictionary(c => c, c => c.ToString());
        symbols['B'] = "DN";
        symbols['Z'] = "EQ";
        symbols['J'] = "IL";
        symbols['X'] = aminoAcids;
        return new AlphabetDefinition(SequenceAlphabet.Protein, aminoAcids, symbols, complementChannel: null);
    }
}
