namespace Cnn.MLNet.Genomics;

/// <summary>
/// The windows around a variant, as gReLU and Selene build them. Each allele (REF or ALT) sits in
/// the middle of its own window of the model's length L: a left flank of ⌊(L − len(allele))/2⌋
/// genome bases before POS, the allele, then genome bases from just after the genome's copy of the
/// variant (REF, or ALT for a flipped swapped record) to fill L. For SNVs and MNVs this is one
/// window centred on the variant with the allele replaced; for indels each allele is re-centred,
/// so both windows hold L bases and the flanks differ by the length change. Bases past a
/// chromosome end are N (as in scans and training windows) and the variant is flagged padded.
/// <para>
/// With shifts K the sequence built is L + 2K long (K more flank on each side) and the window for
/// shift s is its slice starting at K + s: the allele moves s bases left of the middle.
/// </para>
/// </summary>
internal static class VariantWindows
{
    /// <summary>Bases of flank before the allele in its (unshifted) window.</summary>
    public static int LeftFlank(int length, int alleleLength) => (length - alleleLength) / 2;

    /// <summary>
    /// The allele's sequence of L + 2K bases (see the class remarks); <paramref name="padded"/> is
    /// set when any of it lies outside the chromosome.
    /// </summary>
    /// <param name="genome">The genome.</param>
    /// <param name="chromosome">The chromosome (known to the genome).</param>
    /// <param name="start">The variant's 0-based start (POS − 1).</param>
    /// <param name="allele">The allele placed in the middle (at most L bases).</param>
    /// <param name="genomeAlleleLength">How many genome bases the variant covers (len(REF), or len(ALT) when flipped).</param>
    /// <param name="length">The model's input length L.</param>
    /// <param name="shifts">K.</param>
    /// <param name="padded">Set when any base lies outside the chromosome.</param>
    public static string Extended(Genome genome, string chromosome, long start, string allele, int genomeAlleleLength, int length, int shifts, out bool padded)
    {
        int left = LeftFlank(length, allele.Length) + shifts;
        int right = length - LeftFlank(length, allele.Length) - allele.Length + shifts;
        long leftStart = start - left;
        long rightStart = start + genomeAlleleLength;
        padded = leftStart < 0 || rightStart + right > genome.LengthOf(chromosome);
        return string.Concat(genome.Slice(chromosome, leftStart, left), allele, genome.Slice(chromosome, rightStart, right));
    }
}
