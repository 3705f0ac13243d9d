using Microsoft.Win32.SafeHandles;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads uncompressed bytes at any offset of a BGZF file through its <c>.gzi</c> index: the index
/// maps an uncompressed offset to the block holding it, the block is inflated (CRC-32 and length
/// checked) and kept in a small least-recently-used cache, because neighbouring reads (a scan's
/// overlapping windows, a window across a block edge) hit the same blocks. Thread-safe.
/// </summary>
internal sealed class BgzfRandomAccess : IRandomBytes
{
    private const int CachedBlocks = 64; // 64 × 64 KiB = 4 MiB at most
    private readonly SafeFileHandle _file;
    private readonly string _path;
    private readonly long[] _compressed;
    private readonly long[] _uncompressed;
    private readonly Dictionary<int, LinkedListNode<(int Block, byte[] Bytes, int Length)>> _cache = [];
    private readonly LinkedList<(int Block, byte[] Bytes, int Length)> _recent = new();
    private readonly Lock _lock = new();

    /// <summary>Opens reading over <paramref name="file"/> with the index's pairs (first block included).</summary>
    public BgzfRandomAccess(SafeFileHandle file, string path, long[] compressed, long[] uncompressed, string gziPath)
    {
        (_file, _path, _compressed, _uncompressed) = (file, path, compressed, uncompressed);
        long size = RandomAccess.GetLength(file);
        long last = compressed[^1];
        int? lastSize = last < size ? BgzfBlock.SizeAt(file, last) : null;
        if (lastSize is null)
            throw new FormatException($"{gziPath}: its last block offset {last:N0} is not the start of a BGZF block of '{path}' ({size:N0} bytes): the index belongs to another file or is damaged; rebuild it.");
        Length = uncompressed[^1] + BgzfBlock.LengthOf(file, last, lastSize.Value);
    }

    /// <summary>The number of uncompressed bytes.</summary>
    public long Length { get; }

    /// <summary>Fills <paramref name="destination"/> with the uncompressed bytes from <paramref name="offset"/> on (which must lie inside <see cref="Length"/>).</summary>
    public void Read(long offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int block = Array.BinarySearch(_uncompressed, offset);
            if (block < 0) block = ~block - 1;
            // Empty blocks share an uncompressed offset with the next; take the last block starting there.
            while (block + 1 < _uncompressed.Length && _uncompressed[block + 1] == offset) block++;
            var (bytes, length) = Block(block);
            int from = (int)(offset - _uncompressed[block]);
            int count = Math.Min(destination.Length, length - from);
            if (count <= 0)
                throw new FormatException($"{_path}: uncompressed byte {offset:N0} should be in the BGZF block at byte {_compressed[block]:N0}, which holds only {length:N0} bytes: the .gzi index does not match the file; rebuild it.");
            bytes.AsSpan(from, count).CopyTo(destination);
            destination = destination[count..];
            offset += count;
        }
    }

    private (byte[] Bytes, int Length) Block(int block)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(block, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return (node.Value.Bytes, node.Value.Length);
            }
        }
        // Inflate outside the lock so parallel readers of different blocks do not wait on each other.
        var bytes = new byte[BgzfBlock.MaxSize];
        var raw = new byte[BgzfBlock.MaxSize];
        var (_, length) = BgzfBlock.Inflate(_file, _compressed[block], raw, bytes, (at, what) => new FormatException($"{_path}: {what} (at byte {at:N0} of the compressed file)."));
        if (block + 1 < _uncompressed.Length && _uncompressed[block] + length != _uncompressed[block + 1])
            throw new FormatException($"{_path}: the BGZF block at byte {_compressed[block]:N0} holds {length:N0} bytes but the .gzi index expects {_uncompressed[block + 1] - _uncompressed[block]:N0}: the index does not match the file; rebuild it.");
        lock (_lock)
        {
            if (!_cache.ContainsKey(block))
            {
                _cache[block] = _recent.AddFirst((block, bytes, length));
                if (_cache.Count > CachedBlocks)
                {
                    _cache.Remove(_recent.Last!.Value.Block);
                    _recent.RemoveLast();
                }
            }
        }
        return (bytes, length);
    }
}
