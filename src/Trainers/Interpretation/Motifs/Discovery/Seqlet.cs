namespace Cnn.MLNet.Interpretation;

/// <summary>
/// A seqlet: a stretch of one track whose central window's summed actual contribution passed the
/// seqlet threshold (see <see cref="MotifDiscovery"/>).
/// </summary>
/// <param name="TrackIndex">The index of the track in the list given to <see cref="MotifDiscovery.Discover"/>.</param>
/// <param name="Start">The first position (0-based) of the seqlet: its window's start minus the flank.</param>
/// <param name="Length">The seqlet length: window size + 2 × flank.</param>
/// <param name="Contribution">The summed actual contribution of the central window (its sign is the seqlet's sign).</param>
public sealed record Seqlet(int TrackIndex, int Start, int Length, double Contribution);

/// <summary>Where one seqlet matches a discovered pattern.</summary>
/// <param name="TrackIndex">The index of the track in the list given to <see cref="MotifDiscovery.Discover"/>.</param>
/// <param name="Start">The track position (0-based, forward strand) of the leftmost base the pattern covers; the match spans the pattern's width from here.</param>
/// <param name="Strand">'+' when the track's forward strand matches the pattern, '-' when its reverse complement does.</param>
/// <param name="Similarity">The cosine similarity of the seqlet's (per-position-centred) hypothetical contributions with the pattern's at this alignment.</param>
/// <param name="Seqlet">The seqlet that was aligned.</param>
public sealed record AlignedSeqlet(int TrackIndex, int Start, char Strand, double Similarity, Seqlet Seqlet);
