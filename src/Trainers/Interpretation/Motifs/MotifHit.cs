namespace Cnn.MLNet.Interpretation;

/// <summary>A motif occurrence found by <see cref="MotifScanner"/>, in FIMO's terms.</summary>
/// <param name="MotifId">The motif's identifier.</param>
/// <param name="SequenceName">The scanned sequence (or chromosome).</param>
/// <param name="Start">0-based start of the window on the given strand's coordinates (the forward sequence), as in BED.</param>
/// <param name="End">0-based, exclusive end.</param>
/// <param name="Strand">'+' for the motif on the sequence as given, '-' for its reverse complement.</param>
/// <param name="Score">Log-odds score in bits (log2 of the motif's probability over the background's), rounded to the p-value grid.</param>
/// <param name="PValue">P(a background window scores at least as high), exact for the grid scores.</param>
/// <param name="QValue">Benjamini–Hochberg q-value over every window scored (both strands).</param>
/// <param name="MatchedSequence">The window's bases, reverse-complemented for '-'.</param>
public sealed record MotifHit(string MotifId, string SequenceName, long Start, long End, char Strand, double Score, double PValue, double QValue, string MatchedSequence);
