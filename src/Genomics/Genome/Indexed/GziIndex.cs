using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A BGZF <c>.gzi</c> index as bgzip and samtools write it: a little-endian uint64 count, then that
/// many (compressed offset, uncompressed offset) uint64 pairs, one per block after the first (whose
/// pair, 0/0, is implied); the end-of-file marker block is not listed.
/// </summary>
internal static class GziIndex
{
    /// <summary>Reads the pairs, the implied first block included.</summary>
    /// <exception cref="FormatException">The file's size disagrees with its count, or offsets do not increase.</exception>
    public static (long[] Compressed, long[] Uncompressed) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw Bad(path, 0, $"the file has {bytes.Length} bytes, fewer than its 8-byte count");
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (count > (ulong)(bytes.Length - 8) / 16 || (ulong)bytes.Length != 8 + count * 16)
            throw Bad(path, 0, $"the count says {count} entries but the file has {bytes.Length} bytes (8 + 16 per entry expected)");
        var compressed = new long[count + 1];
        var uncompressed = new long[count + 1];
        for (int i = 1; i <= (int)count; i++)
        {
            int at = 8 + (i - 1) * 16;
            compressed[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            uncompressed[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at + 8));
            if (compressed[i] <= compressed[i - 1] || uncompressed[i] < uncompressed[i - 1])
                throw Bad(path, at, $"entry {i} ({compressed[i]}, {uncompressed[i]}) does not come after the one before it");
        }
        return (compressed, uncompressed);
    }

    /// <summary>
    /// Builds the pairs by walking the block headers of <paramref name="file"/> (each block's size is
    /// in its header and its uncompressed length in its last 4 bytes, so nothing is inflated).
    /// </summary>
    /// <exception cref="FormatException">A block header is missing or the file is cut short; the message names the byte offset.</exception>
    public static (long[] Compressed, long[] Uncompressed) Build(SafeFileHandle file, string path)
    {
        long size = RandomAccess.GetLength(file);
        var compressed = new List<long>();
        var uncompressed = new List<long>();
        long offset = 0, data = 0;
        while (offset < size)
        {
            int block = BgzfBlock.SizeAt(file, offset) ?? throw new FormatException($"{path}: a BGZF block header was expected at byte {offset:N0}: the file is not BGZF throughout or is corrupt.");
            if (offset + block > size) throw new FormatException($"{path}: the BGZF block at byte {offset:N0} needs {block:N0} bytes but the file ends after {size - offset:N0}: the file is truncated.");
            int length = BgzfBlock.LengthOf(file, offset, block);
            if (length > 0)
            {
                compressed.Add(offset);
                uncompressed.Add(data);
            }
            offset += block;
            data += length;
        }
        return (compressed.ToArray(), uncompressed.ToArray());
    }

    /// <summary>Writes the pairs (the first, 0/0, left implied) as bgzip does.</summary>
    public static void Write(string path, long[] compressed, long[] uncompressed)
    {
        int first = compressed.Length > 0 && compressed[0] == 0 ? 1 : 0;
        var bytes = new byte[8 + (compressed.Length - first) * 16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(compressed.Length - first));
        for (int i = first; i < compressed.Length; i++)
        {
            int at = 8 + (i - first) * 16;
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), (ulong)compressed[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at + 8), (ulong)uncompressed[i]);
        }
        File.WriteAllBytes(path, bytes);
    }

    private static FormatException Bad(string path, long offset, string what) =>
        new($"{path} (byte {offset:N0}): {what}. Rebuild it with --build-index (after deleting it) or 'samtools faidx'.");
}
