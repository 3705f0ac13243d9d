using System.IO.Compression;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// One BGZF block (a gzip member whose header carries its own size): recognising its header and
/// inflating it with its CRC-32 and length checked. Shared by the sequential reader
/// (<see cref="CheckedGzipStream"/>) and the random-access one (<see cref="BgzfRandomAccess"/>), so
/// both refuse the same damage with the same words.
/// </summary>
internal static class BgzfBlock
{
    /// <summary>The most bytes a block holds, compressed or not (BSIZE and ISIZE fit in 16 bits by design).</summary>
    public const int MaxSize = 1 << 16;

    /// <summary>BGZF's 28-byte end-of-file marker: an empty block that bgzip writes last.</summary>
    public static ReadOnlySpan<byte> EndOfFile =>
    [
        0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0x00, 0x42, 0x43,
        0x02, 0x00, 0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>The size of the BGZF block at <paramref name="offset"/> (from its BC extra subfield), or null when none starts there.</summary>
    public static int? SizeAt(SafeFileHandle file, long offset)
    {
        Span<byte> header = stackalloc byte[18];
        if (RandomAccess.Read(file, header, offset) != 18) return null;
        bool isBgzf = header[0] == 0x1f && header[1] == 0x8b && header[2] == 8 && (header[3] & 0x04) != 0
            && BitConverter.ToUInt16(header[10..]) == 6 && header[12] == (byte)'B' && header[13] == (byte)'C'
            && BitConverter.ToUInt16(header[14..]) == 2;
        return isBgzf ? BitConverter.ToUInt16(header[16..]) + 1 : null;
    }

    /// <summary>Whether the file's last 28 bytes are BGZF's end-of-file marker.</summary>
    public static bool EndsWithMarker(SafeFileHandle file)
    {
        long size = RandomAccess.GetLength(file);
        Span<byte> tail = stackalloc byte[28];
        return size >= 28 && RandomAccess.Read(file, tail, size - 28) == 28 && tail.SequenceEqual(EndOfFile);
    }

    /// <summary>
    /// Reads the block at <paramref name="offset"/> and inflates it into <paramref name="block"/>
    /// (<see cref="MaxSize"/> bytes), checking its CRC-32 and length.
    /// </summary>
    /// <param name="file">The open file.</param>
    /// <param name="offset">Where the block starts in the compressed file.</param>
    /// <param name="raw">Scratch for the compressed block, <see cref="MaxSize"/> bytes.</param>
    /// <param name="block">Receives the uncompressed bytes.</param>
    /// <param name="broken">Builds the error for a byte offset and what is wrong there (the caller names the file).</param>
    /// <returns>The block's compressed size and uncompressed length.</returns>
    public static (int Size, int Length) Inflate(SafeFileHandle file, long offset, byte[] raw, byte[] block, Func<long, string, Exception> broken)
    {
        long size = RandomAccess.GetLength(file);
        if (size - offset < 18)
            throw broken(size, $"the file ends {size - offset} byte(s) into the BGZF block header at byte {offset:N0}: the file is truncated");
        int total = SizeAt(file, offset) ?? throw broken(offset, "a BGZF block header was expected here: the file is corrupt");
        if (offset + total > size)
            throw broken(size, $"the BGZF block at byte {offset:N0} needs {total:N0} bytes but the file ends after {size - offset:N0}: the file is truncated");
        var compressed = raw.AsSpan(0, total);
        RandomAccess.Read(file, compressed, offset);
        int payloadStart = 12 + BitConverter.ToUInt16(compressed[10..]);
        uint crc = BitConverter.ToUInt32(compressed[(total - 8)..]);
        int length = (int)BitConverter.ToUInt32(compressed[(total - 4)..]);
        if (payloadStart > total - 8 || length > block.Length)
            throw broken(offset, $"the BGZF block at byte {offset:N0} has an impossible layout: the file is corrupt");
        int produced = 0;
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(raw, payloadStart, total - 8 - payloadStart), CompressionMode.Decompress);
            int read;
            while (produced < length && (read = deflate.Read(block, produced, length - produced)) > 0) produced += read;
            if (produced == length && deflate.Read(stackalloc byte[1]) != 0) produced++;
        }
        catch (InvalidDataException e)
        {
            throw broken(offset, $"the BGZF block at byte {offset:N0} is corrupt ({e.Message})");
        }
        if (produced != length || Crc32.HashToUInt32(block.AsSpan(0, length)) != crc)
            throw broken(offset, $"the BGZF block at byte {offset:N0} fails its CRC-32 or length check: the file is corrupt");
        return (total, length);
    }

    /// <summary>The uncompressed length (ISIZE) of the block at <paramref name="offset"/> of size <paramref name="size"/>, read from its trailer without inflating.</summary>
    public static int LengthOf(SafeFileHandle file, long offset, int size)
    {
        Span<byte> isize = stackalloc byte[4];
        RandomAccess.Read(file, isize, offset + size - 4);
        return (int)BitConverter.ToUInt32(isize);
    }
}
