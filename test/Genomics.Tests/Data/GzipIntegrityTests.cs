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
        Assert.Equal(Lines, ReadAll(Write("plain.tsv.gz", TestCompression.Gzip(Lines, out _))));
        Assert.Equal(Lines, ReadAll(Write("bgzf.tsv.gz", TestCompression.Bgzf(Lines, out _))));
        byte[] two = [.. TestCompression.Gzip(Lines[..1000], out _), .. TestCompression.Gzip(Lines[1000..], out _)];
        Assert.Equal(Lines, ReadAll(Write("two-members.tsv.gz", two)));
    }

    [Fact]
    public void A_gzip_file_cut_at_any_flush_point_or_anywhere_else_is_refused_naming_file_and_offset()
    {
        byte[] whole = TestCompression.Gzip(Lines, out var flushPoints);
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
        byte[] first = TestCompression.Gzip(Lines[..1000], out _), second = TestCompression.Gzip(Lines[1000..], out _);
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
        byte[] whole = TestCompression.Bgzf(Lines, out var blockEnds);
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
}
