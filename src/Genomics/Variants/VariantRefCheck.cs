namespace Cnn.MLNet.Genomics;

/// <summary>How a variant's REF compares with the genome (case-insensitive: soft-masked bases are lowercase).</summary>
internal enum VariantRefMatch
{
    /// <summary>REF is the genome's bases at POS.</summary>
    Matches,

    /// <summary>REF is not, but ALT is: REF and ALT are swapped.</summary>
    Swapped,

    /// <summary>Neither REF nor ALT is the genome's.</summary>
    Mismatch,
}

/// <summary>Compares REF (and ALT, for swaps) with the genome.</summary>
internal static class VariantRefCheck
{
    public static VariantRefMatch Of(Genome genome, VcfRecord record, string alt)
    {
        long start = record.Position - 1;
        if (string.Equals(genome.Slice(record.Chromosome, start, record.Ref.Length), record.Ref, StringComparison.OrdinalIgnoreCase))
            return VariantRefMatch.Matches;
        return !VcfAlleles.IsSymbolic(alt) && string.Equals(genome.Slice(record.Chromosome, start, alt.Length), alt, StringComparison.OrdinalIgnoreCase)
            ? VariantRefMatch.Swapped
            : VariantRefMatch.Mismatch;
    }

    /// <summary>The genome's bases where REF should be, for messages.</summary>
    public static string GenomeBases(Genome genome, VcfRecord record) => genome.Slice(record.Chromosome, record.Position - 1, record.Ref.Length);
}
