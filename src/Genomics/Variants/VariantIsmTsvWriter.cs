using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Writes in-silico mutagenesis rows: <c>chrom pos id ref alt allele offset base delta_A delta_C
/// delta_G delta_T</c>, one per (variant, allele window, position); offset is relative to the
/// allele's first base, deltas are of the model's first output.
/// </summary>
internal sealed class VariantIsmTsvWriter(TextWriter output)
{
    private readonly StringBuilder _line = new();

    public void WriteHeader() => output.Write("chrom\tpos\tid\tref\talt\tallele\toffset\tbase\tdelta_A\tdelta_C\tdelta_G\tdelta_T\n");

    public void Write(VariantIsm row)
    {
        var r = row.Effect.Record;
        _line.Clear().Append(r.Chromosome).Append('\t').Append(r.Position.ToString(CultureInfo.InvariantCulture))
            .Append('\t').Append(r.Id).Append('\t').Append(r.Ref).Append('\t').Append(row.Effect.Alt)
            .Append('\t').Append(row.Allele).Append('\t').Append(row.Offset.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(row.Base);
        foreach (float delta in row.Deltas)
            _line.Append('\t').Append(VariantEffectTsvWriter.Format(delta));
        output.Write(_line.Append('\n'));
    }
}
