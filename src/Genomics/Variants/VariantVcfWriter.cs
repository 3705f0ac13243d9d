using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Writes the scored records back as VCF, each line as read with INFO fields added (Number=A: one
/// value per ALT, <c>.</c> where not scored): <c>CNN_REF</c>, <c>CNN_ALT</c>, <c>CNN_DELTA</c> (the
/// model's first output) and <c>CNN_FLAG</c> (the flags joined by <c>|</c>, since <c>;</c> and
/// <c>,</c> are INFO separators). The header (with the <c>##INFO</c> lines added before
/// <c>#CHROM</c>) is written only when the range starts at the first record, so chunks concatenate.
/// </summary>
internal sealed class VariantVcfWriter(TextWriter output, VariantOutputs outputs, bool writeHeader)
{
    private readonly List<VariantEffect> _record = [];
    private bool _headerDone = !writeHeader;

    /// <summary>The VCF's header lines, filled by the reader before the first record.</summary>
    public List<string> Header { get; } = [];

    public void Write(VariantEffect effect)
    {
        if (_record.Count > 0 && !ReferenceEquals(_record[0].Record, effect.Record))
            WriteRecord();
        _record.Add(effect);
    }

    public void Finish()
    {
        if (!_headerDone) WriteHeader();
        if (_record.Count > 0) WriteRecord();
        output.Flush();
    }

    private void WriteHeader()
    {
        _headerDone = true;
        string what = outputs.Names[0];
        foreach (string line in Header)
        {
            if (line.StartsWith("#CHROM", StringComparison.Ordinal))
            {
                output.Write($"##INFO=<ID=CNN_REF,Number=A,Type=Float,Description=\"CNN {what} of the window carrying REF\">\n");
                output.Write($"##INFO=<ID=CNN_ALT,Number=A,Type=Float,Description=\"CNN {what} of the window carrying ALT\">\n");
                output.Write($"##INFO=<ID=CNN_DELTA,Number=A,Type=Float,Description=\"CNN {what}: ALT minus REF\">\n");
                output.Write("##INFO=<ID=CNN_FLAG,Number=A,Type=String,Description=\"Why a variant was not scored or how (padded, too_long, swapped, swapped_flipped, ref_mismatch, duplicate, symbolic; joined by |)\">\n");
            }
            output.Write(line);
            output.Write('\n');
        }
    }

    private void WriteRecord()
    {
        if (!_headerDone) WriteHeader();
        string[] columns = _record[0].Record.Line.Split('\t');
        var info = new StringBuilder();
        info.Append("CNN_REF=").AppendJoin(',', _record.Select(e => Value(e.RefScores?[0])))
            .Append(";CNN_ALT=").AppendJoin(',', _record.Select(e => Value(e.AltScores?[0])))
            .Append(";CNN_DELTA=").AppendJoin(',', _record.Select(e => Value(e.IsScored ? e.Delta(0) : null)))
            .Append(";CNN_FLAG=").AppendJoin(',', _record.Select(e => VariantFlagNames.Format(e.Flags, '|')));
        columns[7] = columns[7] is "" or "." ? info.ToString() : columns[7] + ";" + info;
        output.Write(string.Join('\t', columns));
        output.Write('\n');
        _record.Clear();
    }

    private static string Value(float? value) => value is float v ? VariantEffectTsvWriter.Format(v) : ".";
}
