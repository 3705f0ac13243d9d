namespace Cnn.MLNet.Genomics;

/// <summary>
/// A first, cheap pass over the VCF before any scoring, so errors come before minutes of model time
/// and duplicates are known in advance: it checks the chromosomes and REF alleles of the records in
/// the range (refusing the file on REF mismatches unless they are allowed), and indexes every
/// variant of the file up to the range's end by <see cref="VariantKey"/>, so a variant is judged a
/// duplicate against all earlier records (a chunk's output then equals its part of the whole) and
/// only variants that recur keep their scores for their copies.
/// </summary>
/// <remarks>The index holds one 128-bit key per distinct variant up to the range's end (about 40 bytes each).</remarks>
internal sealed class VariantPlan
{
    private readonly Dictionary<UInt128, (long Record, int Alt, int Count)> _keys = new();

    private VariantPlan() { }

    /// <summary>Reads the VCF and checks it against the genome.</summary>
    /// <exception cref="FormatException">A line is malformed, names a chromosome the genome lacks, or (without <paramref name="allowRefMismatch"/>) REF mismatches the genome.</exception>
    public static VariantPlan Read(string vcfPath, Genome genome, VcfRecordRange range, bool allowRefMismatch, int listed)
    {
        var plan = new VariantPlan();
        var mismatches = new List<string>();
        long mismatchCount = 0;
        foreach (var record in VcfFile.Enumerate(vcfPath))
        {
            if (record.Index >= range.End) break;
            bool inRange = range.Contains(record.Index);
            if (inRange) CheckChromosome(vcfPath, genome, record);
            for (int a = 0; a < record.Alts.Count; a++)
            {
                string alt = record.Alts[a];
                if (VcfAlleles.IsSymbolic(alt)) continue;
                var key = VariantKey.Of(record, alt);
                plan._keys[key] = plan._keys.TryGetValue(key, out var seen) ? seen with { Count = seen.Count + 1 } : (record.Index, a, 1);
                if (inRange && !allowRefMismatch && VariantRefCheck.Of(genome, record, alt) == VariantRefMatch.Mismatch)
                {
                    mismatchCount++;
                    if (mismatches.Count < listed)
                        mismatches.Add($"{vcfPath} line {record.LineNumber} ({record.Chromosome}:{record.Position}): VCF REF '{record.Ref}', genome '{VariantRefCheck.GenomeBases(genome, record)}'");
                }
            }
        }
        if (mismatchCount > 0)
        {
            throw new FormatException($"{mismatchCount} variant(s) of '{vcfPath}' have a REF allele that is not the genome '{genome.Path}''s bases at their position "
                + $"(is the VCF for another assembly?). The first: {string.Join("; ", mismatches)}. "
                + "To skip them (flag ref_mismatch, no scores), allow REF mismatches (--allow-ref-mismatch).");
        }
        return plan;
    }

    /// <summary>Whether the variant is a copy of an earlier one (an earlier record, or an earlier ALT of the same record).</summary>
    public bool IsDuplicate(UInt128 key, long record, int alt) =>
        _keys.TryGetValue(key, out var first) && (first.Record, first.Alt) != (record, alt);

    /// <summary>Whether the variant occurs more than once up to the range's end, so its scores are worth keeping for its copies.</summary>
    public bool Recurs(UInt128 key) => _keys.TryGetValue(key, out var first) && first.Count > 1;

    private static void CheckChromosome(string vcfPath, Genome genome, VcfRecord record)
    {
        if (genome.Contains(record.Chromosome)) return;
        try
        {
            genome.LengthOf(record.Chromosome);
        }
        catch (ArgumentException e)
        {
            // The genome's own message names its chromosomes and any chr-prefix mismatch.
            throw SequenceFileErrors.Content(vcfPath, record.LineNumber, "CHROM", e.Message.Split(" (Parameter")[0]);
        }
        throw SequenceFileErrors.Content(vcfPath, record.LineNumber, "CHROM", $"the genome '{genome.Path}' has no chromosome '{record.Chromosome}'.");
    }
}
