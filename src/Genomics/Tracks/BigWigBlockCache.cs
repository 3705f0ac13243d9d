namespace Cnn.MLNet.Genomics;

/// <summary>
/// The last few decompressed blocks of one bigWig, by file offset: sliding windows and genome
/// scans read neighbouring regions, which mostly fall in the block just read, so this saves
/// inflating it again. Small and fixed (a few blocks of at most uncompressBufSize bytes each), so
/// memory stays bounded by the region, not the file.
/// </summary>
internal sealed class BigWigBlockCache(int capacity)
{
    private readonly (long Offset, byte[] Data)[] _entries = new (long, byte[])[capacity];
    private readonly Lock _lock = new();
    private int _next;

    public byte[] GetOrLoad(long offset, Func<byte[]> load)
    {
        lock (_lock)
            foreach (var (cachedOffset, data) in _entries)
                if (data is not null && cachedOffset == offset) return data;
        // Loaded outside the lock so threads reading different blocks inflate in parallel; two
        // threads may both load one block, which only costs time.
        byte[] loaded = load();
        lock (_lock)
        {
            _entries[_next] = (offset, loaded);
            _next = (_next + 1) % _entries.Length;
        }
        return loaded;
    }
}
