namespace Cnn.MLNet.Genomics;

/// <summary>
/// One data line of a VCF file: the fixed columns a variant-effect prediction needs, where the line
/// is, and its ALT alleles as written (symbolic ones included; see <see cref="VcfAlleles.IsSymbolic"/>).
/// </summary>
/// <param name="Chromosome">CHROM, as written (case-sensitive, as the genome's names).</param>
/// <param name="Position">POS: 1-based position of the first base of REF.</param>
/// <param name="Id">ID (<c>.</c> when missing).</param>
/// <param name="Ref">REF, as written (case kept; A, C, G, T or N).</param>
/// <param name="Alts">The ALT alleles, split on commas, in file order.</param>
/// <param name="LineNumber">The 1-based line of the file the record is on.</param>
/// <param name="Index">The record's 0-based index among the file's data records (before multi-allelic records are split).</param>
public sealed record VcfRecord(string Chromosome, long Position, string Id, string Ref, IReadOnlyList<string> Alts, long LineNumber, long Index)
{
    /// <summary>The whole line as read (no line end), so a VCF can be written back with fields added.</summary>
    internal string Line { get; init; } = "";
}
