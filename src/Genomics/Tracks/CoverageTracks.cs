using System.Buffers.Binary;

namespace Cnn.MLNet.Genomics;

/// <summary>Opens coverage track files by what they contain, not by their extension.</summary>
public static class CoverageTracks
{
    /// <summary>
    /// Opens <paramref name="path"/> as a <see cref="BigWigFile"/> when it starts with the bigWig
    /// magic number (either byte order), otherwise as a <see cref="BedGraphTrack"/> (plain or gzip).
    /// </summary>
    /// <param name="path">The track file.</param>
    /// <param name="options">How to open it; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">There is no such file; the message names the path.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or not a track; the message names the file and where.</exception>
    public static ICoverageTrack Open(string path, CoverageTrackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Coverage track '{path}' does not exist.", path);
        Span<byte> start = stackalloc byte[4];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            read = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        uint magic = read == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(start) : 0;
        return magic is BigWigLayout.Magic or BigWigLayout.SwappedMagic
            ? BigWigFile.Open(path, options)
            : BedGraphTrack.Open(path, options);
    }
}
