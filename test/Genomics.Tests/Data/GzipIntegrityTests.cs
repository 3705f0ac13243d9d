using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Cnn.MLNet.Genomics.Tests.Data;

/// <summary>
/// Compressed input never loses data: gzip and BGZF files that end early or are damaged are refused
/// naming the file and the byte offset, whatever reader opens them (they all go through LineReader).
/// .NET's own GZipStream returns the rows before a cut without a word (bench/Repro/GzipTruncation).
/// </summary>
public sealed class GzipIntegrityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnn-mlnet-gzip-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly string[] Lines = Enumerable.Range(0, 3000).Select(i => $"seq{i}\tACGT{i % 97}TTGACA{i * 7919 % 1000}\t{i % 2}").ToArray();

    [Fact]
    public void Whole_gzip_bgzf_and_multi_member_files_read_every_line()
    {
        Assert.Equal(Lines, ReadAll(Write("plain.tsv.gz", Gzip(Lines, out _))));
        Assert.Equal(Lines, ReadAll(Write("bgzf.tsv.gz", Bgzf(Lines, out _))));
        byte[] two = [.. Gzip(Lines[..1000], out _), .. Gzip(Lines[1000..], out _)];
        Assert.Equal(Lines, ReadAll(Write("two-members.tsv.gz", two)));
    }

    [Fact]
    public void A_gzip_file_cut_at_any_flush_point_or_anywhere_else_is_refused_naming_file_and_offset()
    {
        byte[] whole = Gzip(Lines, out var flushPoints);
        var cuts = flushPoints.Concat(Enumerable.Range(1, 40).Select(i => (long)whole.Length * i / 41)).Append(whole.Length - 1).Append(whole.Length - 8).Distinct();
        foreach (long cut in cuts)
        {
            string path = Write($"cut-{cut}.tsv.gz", whole[..(int)cut]);
            var error = Assert.Throws<FormatException>(() => ReadAll(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("byte", error.Message);
        }
    }

    [Fact]
    public void A_multi_member_gzip_whose_last_member_is_cut_is_refused()
    {
        byte[] first = Gzip(Lines[..1000], out _), second = Gzip(Lines[1000..], out _);
        foreach (int keep in new[] { 12, second.Length / 2, second.Length - 1 })
        {
            string path = Write($"two-cut-{keep}.tsv.gz", [.. first, .. second[..keep]]);
            var error = Assert.Throws<FormatException>(() => ReadAll(path));
            Assert.Contains($"member at byte {first.Length:N0}", error.Message);
        }
    }

    [Fact]
    public void A_bgzf_file_cut_at_a_block_boundary_inside_a_block_or_without_its_end_marker_is_refused()
    {
        byte[] whole = Bgzf(Lines, out var blockEnds);
        Assert.True(blockEnds.Count >= 3, "the test data should span several BGZF blocks");
        var cuts = blockEnds.Take(blockEnds.Count - 1).Concat([blockEnds[0] / 2, blockEnds[1] + 5, whole.Length - 1]);
        foreach (long cut in cuts)
        {
            string path = Write($"bgzf-cut-{cut}.tsv.gz", whole[..(int)cut]);
            var error = Assert.Throws<FormatException>(() => ReadAll(path));
            Assert.Contains(path, error.Message);
            Assert.True(error.Message.Contains("truncated"), error.Message);
        }
    }

    [Fact]
    public void Every_flipped_byte_after_the_header_of_a_gzip_or_bgzf_file_is_refused()
    {
        // MTIME, XFL and OS (header bytes 4-9) are checked by nothing; gzip's own tools ignore them too.
        byte[] plain = Gzip(Lines[..300], out _);
        for (int at = 10; at < plain.Length; at++) AssertRefused(plain, at, "plain");
        byte[] bgzf = Bgzf(Lines[..300], out var ends);
        for (int at = 18; at < ends[0]; at++) AssertRefused(bgzf, at, "bgzf");
    }

    private void AssertRefused(byte[] original, int at, string kind)
    {
        byte[] damaged = (byte[])original.Clone();
        damaged[at] ^= 0xFF;
        string path = Write($"{kind}-flip.tsv.gz", damaged);
        Assert.True(Refused(path), $"{kind}: flipping byte {at} of {original.Length} was accepted");
    }

    private static bool Refused(string path)
    {
        try { ReadAll(path); return false; }
        catch (FormatException) { return true; }
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static List<string> ReadAll(string path)
    {
        using var reader = LineReader.Open(path, path);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    // One gzip member (as .NET writes it: no file name), flushed every 200 lines; the compressed length at each flush.
    private static byte[] Gzip(string[] lines, out List<long> flushPoints)
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
    private static byte[] Bgzf(string[] lines, out List<long> blockEnds)
    {
        byte[] text = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        using var file = new MemoryStream();
        blockEnds = [];
        for (int start = 0; start <= text.Length; start += 8192)
        {
            var chunk = text.AsSpan(start, Math.Min(8192, text.Length - start));
            WriteBgzfBlock(file, chunk);
            blockEnds.Add(file.Length);
            if (chunk.IsEmpty) break;
            if (start + 8192 >= text.Length)
            {
                file.Write(Convert.FromHexString("1f8b08040000000000ff0600424302001b0003000000000000000000")); // BGZF's end-of-file marker
                blockEnds.Add(file.Length);
                break;
            }
        }
        return file.ToArray();
    }

    private static void WriteBgzfBlock(Stream file, ReadOnlySpan<byte> data)
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
