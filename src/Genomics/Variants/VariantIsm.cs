namespace Cnn.MLNet.Genomics;

/// <summary>
/// In-silico mutagenesis at one position of one allele's window: the change of the model's first
/// output when the base there is set to A, C, G or T (0 for the base already there).
/// </summary>
/// <param name="Effect">The variant.</param>
/// <param name="Allele"><c>ref</c> or <c>alt</c>: which window was mutated.</param>
/// <param name="Offset">The position relative to the allele's first base (negative: left flank).</param>
/// <param name="Base">The window's base there.</param>
/// <param name="Deltas">Mutant score − allele score for A, C, G, T.</param>
internal sealed record VariantIsm(VariantEffect Effect, string Allele, int Offset, char Base, float[] Deltas);

/// <summary>The mutant sequences of an allele's in-silico mutagenesis and where their results go.</summary>
internal sealed class VariantIsmPlan(string allele, int offsetOrigin, int first, char[] bases)
{
    private const string Alphabet = "ACGT";

    public string Allele { get; } = allele;

    /// <summary>Mutant score per (position, base); filled by the scorer.</summary>
    public float[] Scores { get; } = new float[bases.Length * 4];

    /// <summary>The positions' bases (window coordinates first, first + 1, …).</summary>
    public char[] Bases { get; } = bases;

    /// <summary>
    /// The mutants of <paramref name="sequence"/> (an allele sequence with <paramref name="shifts"/>
    /// extra bases each side) at <paramref name="window"/> positions centred on the allele, which sits
    /// at <paramref name="left"/> in the unshifted window of <paramref name="length"/> bases; a base
    /// already there costs no mutant (its delta is 0).
    /// </summary>
    public static VariantIsmPlan Build(string allele, string sequence, int shifts, int length, int left, int alleleLength, int window,
        List<(string Sequence, Action<float> Result)> requests)
    {
        int centre = left + (alleleLength - 1) / 2;
        int first = Math.Max(0, centre - (window - 1) / 2);
        int last = Math.Min(length - 1, centre - (window - 1) / 2 + window - 1);
        var bases = new char[Math.Max(0, last - first + 1)];
        var plan = new VariantIsmPlan(allele, left, first, bases);
        for (int p = first; p <= last; p++)
        {
            char here = sequence[shifts + p];
            bases[p - first] = here;
            for (int b = 0; b < 4; b++)
            {
                int at = (p - first) * 4 + b;
                if (char.ToUpperInvariant(here) == Alphabet[b]) continue;
                var mutant = sequence.ToCharArray();
                mutant[shifts + p] = Alphabet[b];
                requests.Add((new string(mutant), score => plan.Scores[at] = score));
            }
        }
        return plan;
    }

    /// <summary>The rows, given the allele's own score.</summary>
    public IEnumerable<VariantIsm> Rows(VariantEffect effect, float alleleScore)
    {
        for (int i = 0; i < Bases.Length; i++)
        {
            var deltas = new float[4];
            for (int b = 0; b < 4; b++)
                deltas[b] = char.ToUpperInvariant(Bases[i]) == Alphabet[b] ? 0f : Scores[i * 4 + b] - alleleScore;
            yield return new VariantIsm(effect, Allele, first + i - offsetOrigin, Bases[i], deltas);
        }
    }
}
