namespace Cnn.MLNet.Genomics;

/// <summary>
/// A per-base signal over a genome (read coverage, fold change, a predicted profile) that can be
/// read by region: a bigWig or bedGraph file, or a track held in memory. Implementations are
/// thread-safe for reading, so several cursors can read one track at once.
/// </summary>
public interface ICoverageTrack : IDisposable
{
    /// <summary>Where the track came from (a file path, or a description), as error messages name it.</summary>
    string Source { get; }

    /// <summary>The chromosomes the track declares, with their lengths, in the track's own order.</summary>
    IReadOnlyList<TrackChromosome> Chromosomes { get; }

    /// <summary>
    /// Fills <paramref name="destination"/> with the values of bases
    /// [<paramref name="start"/>, <paramref name="start"/> + length) of <paramref name="chromosome"/>
    /// (0-based, end-exclusive). Bases no record covers read 0, and so do positions before 0 or past
    /// the chromosome's end (windows padded at chromosome ends).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The track does not declare <paramref name="chromosome"/> and was not opened with <see cref="CoverageTrackOptions.MissingAsZero"/>; the message names the track and the chromosome.</exception>
    /// <exception cref="InvalidDataException">The file is damaged where this region is stored; the message names the file and offset.</exception>
    void Read(string chromosome, long start, Span<float> destination);
}

/// <summary>A chromosome a track declares, and its length in bases.</summary>
public sealed record TrackChromosome(string Name, long Length);

/// <summary>How a coverage track file is opened.</summary>
public sealed class CoverageTrackOptions
{
    /// <summary>
    /// Whether a chromosome the track does not declare reads as all zeros (true) instead of being an
    /// error (false, the default: a missing chromosome usually means a track for another assembly or
    /// a naming mismatch such as "chr1" against "1").
    /// </summary>
    public bool MissingAsZero { get; set; }
}
