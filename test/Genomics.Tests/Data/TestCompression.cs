using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Cnn.MLNet.Genomics.Tests.Data;

/// <summary>Writes gzip and BGZF bytes for tests, with the positions where a cut looks like a clean end.</summary>
public static class TestCompression
{
    // One gzip member (as .NET writes it: no file name), flushed every 200 lines; the compressed length at each flush.
    public static byte[] Gzip(string[] lines, out List<long> flushPoints)
    {
        flushPoints = [];
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int i = 0; i < lines.Length; i++)
            {
                gzip.Write(Encoding.UTF8.GetBytes(lines[i] + "\n"));
                if (i % 200 == 199)
                {
                    gzip.Flush();
                    flushPoints.Add(buffer.Length);
                }
            }
        }
        return buffer.ToArray();
    }

    // BGZF as bgzip writes it: members of at most 8 kB of text with the BC extra field, then the end-of-file marker.
    public static byte[] Bgzf(string[] lines, out List<long> blockEnds) =>
        Bgzf(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), out blockEnds);

    /// <summary>BGZF of any bytes, <paramref name="blockSize"/> uncompressed bytes per block (bgzip uses 65,280).</summary>
    public static byte[] Bgzf(byte[] text, out List<long> blockEnds, int blockSize = 8192)
    {
        using var file = new MemoryStream();
        blockEnds = [];
        for (int start = 0; start <= text.Length; start += blockSize)
        {
            var chunk = text.AsSpan(start, Math.Min(blockSize, text.Length - start));
            WriteBgzfBlock(file, chunk);
            blockEnds.Add(file.Length);
            if (chunk.IsEmpty) break;
            if (start + blockSize >= text.Length)
            {
                file.Write(Convert.FromHexString("1f8b08040000000000ff0600424302001b0003000000000000000000")); // BGZF's end-of-file marker
                blockEnds.Add(file.Length);
                break;
            }
        }
        return file.ToArray();
    }

    public static void WriteBgzfBlock(Stream file, ReadOnlySpan<byte> data)
    {
        using var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
        byte[] payload = deflated.ToArray();
        Span<byte> header = [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 6, 0, (byte)'B', (byte)'C', 2, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(header[16..], (ushort)(header.Length + payload.Length + 8 - 1));
        file.Write(header);
        file.Write(payload);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)data.Length);
        file.Write(trailer);
    }
}
