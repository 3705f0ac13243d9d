using System.Globalization;

namespace Cnn.MLNet.Interpretation;

/// <summary>Writes <see cref="MotifHit"/>s as FIMO's TSV or as BED.</summary>
public static class MotifHitFiles
{
    /// <summary>
    /// FIMO's TSV columns: <c>motif_id motif_alt_id sequence_name start stop strand score p-value
    /// q-value matched_sequence</c>, with 1-based, inclusive <c>start</c>/<c>stop</c> as FIMO writes them.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="hits">The hits, written in the order given.</param>
    /// <param name="motifAlternateName">The <c>motif_alt_id</c> column (e.g. the factor's name), or null for empty.</param>
    /// <param name="header">Write the header line first (false when appending the hits of another motif).</param>
    public static void WriteTsv(TextWriter writer, IEnumerable<MotifHit> hits, string? motifAlternateName = null, bool header = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(hits);
        if (header) writer.Write("motif_id\tmotif_alt_id\tsequence_name\tstart\tstop\tstrand\tscore\tp-value\tq-value\tmatched_sequence\n");
        foreach (var h in hits)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{h.MotifId}\t{motifAlternateName ?? ""}\t{h.SequenceName}\t{h.Start + 1}\t{h.End}\t{h.Strand}\t{h.Score:0.###}\t{h.PValue:0.##e+00}\t{h.QValue:0.##e+00}\t{h.MatchedSequence}\n"));
        }
    }

    /// <summary>BED6: sequence, 0-based start, end, motif id, score (bits), strand.</summary>
    public static void WriteBed(TextWriter writer, IEnumerable<MotifHit> hits)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(hits);
        foreach (var h in hits)
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{h.SequenceName}\t{h.Start}\t{h.End}\t{h.MotifId}\t{h.Score:0.###}\t{h.Strand}\n"));
    }
}
