namespace Cnn.MLNet.Genomics;

/// <summary>DNA written as text: what variant windows and motif hits need on the other strand.</summary>
internal static class DnaText
{
    /// <summary>The reverse complement of <paramref name="bases"/> (case kept; IUPAC codes complemented, anything else N).</summary>
    public static string ReverseComplement(string bases) =>
        string.Create(bases.Length, bases, static (span, s) =>
        {
            for (int i = 0; i < s.Length; i++)
                span[s.Length - 1 - i] = Complement(s[i]);
        });

    private static char Complement(char c)
    {
        char complement = char.ToUpperInvariant(c) switch
        {
            'A' => 'T',
            'C' => 'G',
            'G' => 'C',
            'T' or 'U' => 'A',
            'R' => 'Y',
            'Y' => 'R',
            'K' => 'M',
            'M' => 'K',
            'B' => 'V',
            'V' => 'B',
            'D' => 'H',
            'H' => 'D',
            'S' => 'S',
            'W' => 'W',
            _ => 'N',
        };
        return char.IsLower(c) ? char.ToLowerInvariant(complement) : complement;
    }
}
