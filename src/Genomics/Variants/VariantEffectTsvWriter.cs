using System.Globalization;
using System.Text;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Writes variant effects as TSV: <c>chrom pos id ref alt</c>, then per model output
/// <c>score_ref score_alt delta</c> (and <c>log_odds</c> for probabilities), suffixed <c>.N</c> or
/// <c>.name</c> when the model has several outputs, then <c>flag</c>. Unscored values are <c>NA</c>, no
/// flag is <c>.</c>; numbers are the shortest text that reads back as the same float.
/// </summary>
internal sealed class VariantEffectTsvWriter(TextWriter output, VariantOutputs outputs)
{
    private readonly StringBuilder _line = new();

    public void WriteHeader()
    {
        _line.Clear().Append("chrom\tpos\tid\tref\talt");
        foreach (string suffix in outputs.Suffixes)
        {
            _line.Append("\tscore_ref").Append(suffix).Append("\tscore_alt").Append(suffix).Append("\tdelta").Append(suffix);
            if (outputs.IsProbability) _line.Append("\tlog_odds").Append(suffix);
        }
        output.Write(_line.Append("\tflag\n"));
    }

    public void Write(VariantEffect effect)
    {
        var r = effect.Record;
        _line.Clear().Append(r.Chromosome).Append('\t').Append(r.Position.ToString(CultureInfo.InvariantCulture))
            .Append('\t').Append(r.Id).Append('\t').Append(r.Ref).Append('\t').Append(effect.Alt);
        for (int o = 0; o < outputs.Count; o++)
        {
            Number(effect.RefScores?[o]);
            Number(effect.AltScores?[o]);
            Number(effect.IsScored ? effect.Delta(o) : null);
            if (outputs.IsProbability) Number(effect.IsScored ? effect.LogOdds(o) : null);
        }
        output.Write(_line.Append('\t').Append(VariantFlagNames.Format(effect.Flags)).Append('\n'));
    }

    private void Number(float? value) =>
        _line.Append('\t').Append(value is float v ? Format(v) : "NA");

    /// <summary>The shortest round-trip text of <paramref name="value"/> (invariant culture).</summary>
    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
