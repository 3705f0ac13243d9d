namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The best alignment of a query motif with one database motif and its significance, as Tomtom
/// reports it (Gupta et al. 2007); see <see cref="MotifDatabase"/> for how the numbers are computed.
/// </summary>
/// <param name="Query">The query motif.</param>
/// <param name="Target">The database motif, as given (not reverse-complemented).</param>
/// <param name="Score">Mean Pearson correlation of the aligned columns, in [-1, 1] (as in <see cref="MotifMatch.Score"/>).</param>
/// <param name="Offset">Query position i is aligned with target position i + Offset (on the target's reverse complement for <see cref="Strand"/> '-').</param>
/// <param name="Strand">'+' when the query matches the target as given, '-' when it matches the target's reverse complement.</param>
/// <param name="Overlap">The number of aligned columns.</param>
/// <param name="PValue">
/// The probability that a random database motif of the target's width aligns with the query at
/// least this well at its best offset and strand: the best alignment's p-value corrected for the
/// offsets and both strands tried.
/// </param>
/// <param name="EValue"><see cref="PValue"/> × the number of database motifs: the expected number of matches this good among unrelated motifs.</param>
/// <param name="QValue">Benjamini–Hochberg q-value over all database motifs for this query (at least <see cref="PValue"/>).</param>
public sealed record MotifDatabaseMatch(Motif Query, Motif Target, double Score, int Offset, char Strand, int Overlap, double PValue, double EValue, double QValue)
{
    /// <summary>The alignment without its statistics, as <see cref="MotifComparison"/> reports alignments.</summary>
    public MotifMatch ToMotifMatch() => new(Query, Target, Score, Offset, Strand, Overlap);
}
