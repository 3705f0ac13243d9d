using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A genome read from disk on demand through its samtools <c>.fai</c> index (plain FASTA) or
/// <c>.fai</c> + <c>.gzi</c> (bgzip FASTA); only a few decompressed blocks are held in memory.
/// The index's line layout is trusted for addressing but checked on every read: the line ends must
/// sit where it says and the bases must be letters, so a stale index is an error, not wrong bases.
/// </summary>
internal sealed class IndexedGenomeBases : GenomeBases
{
    private static readonly SearchValues<byte> Letters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);
    private const int ChunkBases = 1 << 20;
    private readonly SafeFileHandle _file;
    private readonly IRandomBytes _bytes;
    private readonly FaiEntry[] _entries;
    private readonly string[] _names;
    private readonly string _path;
    private readonly string _faiPath;
    private readonly bool[] _edgesChecked;

    /// <summary>Takes ownership of <paramref name="file"/>; checks that every sequence lies inside the data.</summary>
    /// <exception cref="FormatException">An index line points past the end of the FASTA.</exception>
    public IndexedGenomeBases(SafeFileHandle file, IRandomBytes bytes, IReadOnlyList<FaiEntry> entries, string path, string faiPath)
    {
        (_file, _bytes, _path, _faiPath) = (file, bytes, path, faiPath);
        _entries = entries.ToArray();
        _names = _entries.Select(e => e.Name).ToArray();
        _edgesChecked = new bool[_entries.Length];
        foreach (var entry in _entries)
        {
            if (entry.End > bytes.Length)
                throw FaiIndex.Bad(faiPath, entry.IndexLine, $"the sequence '{entry.Name}' ({entry.Length:N0} bases from byte {entry.Offset:N0}) would end at byte {entry.End:N0}, past the end of '{path}' ({bytes.Length:N0} bytes{(bytes is BgzfRandomAccess ? " uncompressed" : "")})");
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Names => _names;

    /// <inheritdoc/>
    public override long LengthOf(int chromosome) => _entries[chromosome].Length;

    /// <inheritdoc/>
    protected override void ReadInside(int chromosome, long start, Span<byte> destination)
    {
        // In chunks, so a long read (a whole chromosome) needs no second buffer of its size.
        for (int done = 0; done < destination.Length; done += ChunkBases)
        {
            var chunk = destination[done..];
            ReadChunk(chromosome, start + done, chunk[..Math.Min(ChunkBases, chunk.Length)]);
        }
    }

    private void ReadChunk(int chromosome, long start, Span<byte> destination)
    {
        var entry = _entries[chromosome];
        if (!_edgesChecked[chromosome]) CheckEdges(entry, chromosome);
        long from = entry.OffsetOf(start), to = entry.OffsetOf(start + destination.Length - 1) + 1;
        byte[] raw = ArrayPool<byte>.Shared.Rent((int)(to - from));
        try
        {
            _bytes.Read(from, raw.AsSpan(0, (int)(to - from)));
            int inLine = (int)(start % entry.LineBases), at = 0, written = 0, lineEnd = (int)(entry.LineWidth - entry.LineBases);
            while (written < destination.Length)
            {
                int take = (int)Math.Min(entry.LineBases - inLine, destination.Length - written);
                var bases = raw.AsSpan(at, take);
                int bad = bases.IndexOfAnyExcept(Letters);
                if (bad >= 0) throw Layout(entry, from + at + bad, $"found byte 0x{bases[bad]:X2} where a base was expected");
                bases.CopyTo(destination[written..]);
                written += take;
                at += take;
                if (written == destination.Length) break;
                var end = raw.AsSpan(at, lineEnd);
                if (end.IsEmpty || end[^1] != (byte)'\n' || end[..^1].IndexOfAnyExcept((byte)'\r') >= 0)
                    throw Layout(entry, from + at, "a line end was expected here");
                at += lineEnd;
                inLine = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    // Once per chromosome: its first base follows a line end (the header's) and its last base is followed by one (or the file's end).
    private void CheckEdges(FaiEntry entry, int chromosome)
    {
        Span<byte> one = stackalloc byte[1];
        if (entry.Offset > 0)
        {
            _bytes.Read(entry.Offset - 1, one);
            if (one[0] != (byte)'\n') throw Layout(entry, entry.Offset - 1, "the sequence's first base should follow a line end (its header's)");
        }
        if (entry.End < _bytes.Length)
        {
            _bytes.Read(entry.End, one);
            if (one[0] is not ((byte)'\n' or (byte)'\r')) throw Layout(entry, entry.End, $"the sequence should end here, but byte 0x{one[0]:X2} follows its last base");
        }
        _edgesChecked[chromosome] = true;
    }

    private FormatException Layout(FaiEntry entry, long offset, string what) =>
        FaiIndex.Bad(_faiPath, entry.IndexLine,
            $"the sequence '{entry.Name}' does not have the line layout the index gives ({entry.LineBases} bases per line, {entry.LineWidth} bytes with the line end) in '{_path}': at {(_bytes is BgzfRandomAccess ? "uncompressed " : "")}byte {offset:N0} {what}; the FASTA changed after indexing or the index is for another file");

    /// <inheritdoc/>
    public override void Dispose() => _file.Dispose();
}
