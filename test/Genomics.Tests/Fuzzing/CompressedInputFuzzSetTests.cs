using System.Text;
using System.Text.RegularExpressions;
using Cnn.MLNet.Genomics.Tests.Data;

namespace Cnn.MLNet.Genomics.Tests.Fuzzing;

/// <summary>
/// The fuzz set of damaged compressed files (issue 19): plain gzip (one member, flushed every 200
/// lines), multi-member gzip (<c>cat a.gz b.gz</c>) and BGZF, each cut at every byte and with every
/// byte flipped. Every damaged file must be refused with a <see cref="FormatException"/> naming the
/// file and a byte offset; none may be read silently. Exempt, and asserted as documented limits:
/// header bytes nothing checks (MTIME, XFL, OS) and a multi-member file cut exactly at a member
/// boundary, which is itself a valid gzip file.
/// </summary>
public sealed partial class CompressedInputFuzzSetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnn-mlnet-gzfuzz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly string[] Lines = Enumerable.Range(0, 600).Select(i => $"seq{i}\tACGT{i % 97}TTGACA{i * 7919 % 1000}\t{i % 2}").ToArray();

    // Header bytes 4-9 of every member: MTIME (4), XFL, OS. Nothing in the format checks them.
    private static bool UncheckedHeaderByte(IEnumerable<long> memberStarts, long at) => memberStarts.Any(start => at >= start + 4 && at < start + 10);

    [Fact]
    public void Plain_gzip_cut_at_every_byte_and_with_every_byte_flipped_is_refused_naming_file_and_offset()
    {
        byte[] whole = TestCompression.Gzip(Lines, out var flushPoints);
        Assert.True(flushPoints.Count >= 2, "the file should have several flush points, where .NET's GZipStream stops silently");
        var outcome = Fuzz("plain", whole, memberStarts: [0], memberEnds: []);
        Assert.Equal(whole.Length - 1, outcome.Cuts);
    }

    [Fact]
    public void Multi_member_gzip_cut_at_every_byte_and_with_every_byte_flipped_is_refused_except_a_cut_at_a_member_boundary()
    {
        byte[] first = TestCompression.Gzip(Lines[..250], out _), second = TestCompression.Gzip(Lines[250..], out _);
        byte[] whole = [.. first, .. second];
        Fuzz("members", whole, memberStarts: [0, first.Length], memberEnds: [first.Length]);

        // The documented limit: what is left after a cut at the boundary is a complete, valid gzip file.
        Assert.Equal(Lines[..250], ReadAll(Write("boundary.tsv.gz", whole[..first.Length])));
    }

    [Fact]
    public void Bgzf_cut_at_every_byte_without_its_end_marker_and_with_every_byte_flipped_is_refused_naming_file_and_offset()
    {
        byte[] whole = TestCompression.Bgzf(Encoding.UTF8.GetBytes(string.Join("\n", Lines) + "\n"), out var blockEnds, blockSize: 4096);
        Assert.True(blockEnds.Count >= 4, "the test data should span several BGZF blocks");
        var starts = blockEnds.Take(blockEnds.Count - 1).Prepend(0L).ToArray();
        Fuzz("bgzf", whole, memberStarts: starts, memberEnds: []);
    }

    [Fact]
    public void The_unchecked_header_bytes_change_nothing_that_is_read()
    {
        byte[] plain = TestCompression.Gzip(Lines, out _), bgzf = TestCompression.Bgzf(Lines, out _);
        foreach (var (name, bytes) in new[] { ("plain", plain), ("bgzf", bgzf) })
        {
            for (int at = 4; at < 10; at++)
            {
                byte[] changed = (byte[])bytes.Clone();
                changed[at] ^= 0xFF;
                Assert.Equal(Lines, ReadAll(Write($"{name}-header-{at}.tsv.gz", changed)));
            }
        }
    }

    [Fact]
    public void Every_reader_refuses_a_damaged_compressed_file_naming_file_and_offset()
    {
        string[] fasta = [">chr1", .. Enumerable.Range(0, 400).Select(i => "ACGTTGCAAC" + new string("ACGT"[i % 4], 50))];
        string[] table = ["name\tSequence\tLabel", .. Enumerable.Range(0, 600).Select(i => $"s{i}\tACGTTGCAAC{new string("ACGT"[i % 4], 40)}\t{i % 2}")];
        string[] bed = Enumerable.Range(0, 800).Select(i => $"chr1\t{i * 10}\t{i * 10 + 20}").ToArray();
        var readers = new (string Name, string[] Content, Action<string> Read)[]
        {
            ("tsv", table, ReadTable),
            ("fa", fasta, path => Genome.Load(path)),
            ("bed", bed, path => BedFile.Read(path)),
        };
        foreach (var (name, content, read) in readers)
        {
            byte[] plain = TestCompression.Gzip(content, out var flushes), bgzf = TestCompression.Bgzf(content, out var ends);
            foreach (var (kind, damaged) in new[]
            {
                ("cut-at-flush", plain[..(int)flushes[0]]),
                ("cut-bgzf-block", bgzf[..(int)ends[0]]),
                ("no-eof-marker", bgzf[..^28]),
                ("flipped-trailer", Flip(plain, plain.Length - 6)),
                ("flipped-data", Flip(bgzf, 40)),
            })
            {
                string path = Write($"{kind}.{name}.gz", damaged);
                var error = Assert.Throws<FormatException>(() => read(path));
                AssertNamesFileAndOffset(error, path, $"{name} {kind}");
            }
        }
    }

    private sealed record Outcome(int Cuts, int Flips);

    // Cuts the file at every byte and flips every byte; each damaged copy must be refused.
    private Outcome Fuzz(string kind, byte[] whole, long[] memberStarts, long[] memberEnds)
    {
        Assert.Equal(Lines, ReadAll(Write($"{kind}-whole.tsv.gz", whole)));
        string path = Path.Combine(_directory, $"{kind}-damaged.tsv.gz");
        int cuts = 0, flips = 0;
        var accepted = new List<string>();
        for (int cut = 1; cut < whole.Length; cut++)
        {
            if (memberEnds.Contains(cut)) continue;
            File.WriteAllBytes(path, whole[..cut]);
            cuts++;
            if (Check(path) is { } problem) accepted.Add($"cut at {cut}: {problem}");
        }
        for (int at = 0; at < whole.Length; at++)
        {
            if (UncheckedHeaderByte(memberStarts, at)) continue;
            File.WriteAllBytes(path, Flip(whole, at));
            flips++;
            if (Check(path) is { } problem) accepted.Add($"byte {at} flipped: {problem}");
        }
        Assert.True(accepted.Count == 0, $"{kind}: {accepted.Count} of {cuts + flips} damaged files were not refused properly, e.g.\n" + string.Join("\n", accepted.Take(10)));
        return new Outcome(cuts, flips);
    }

    // Null when the file is refused as documented; otherwise what happened instead.
    private static string? Check(string path)
    {
        try
        {
            var lines = ReadAll(path);
            return $"read silently ({lines.Count} lines)";
        }
        catch (FormatException error)
        {
            return error.Message.Contains(path) && Offset().IsMatch(error.Message) ? null : $"message lacks file or offset: {error.Message}";
        }
        catch (Exception error)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }

    private static void AssertNamesFileAndOffset(FormatException error, string path, string what)
    {
        Assert.True(error.Message.Contains(path), $"{what}: the message does not name the file: {error.Message}");
        Assert.True(Offset().IsMatch(error.Message), $"{what}: the message does not name a byte offset: {error.Message}");
    }

    [GeneratedRegex(@"byte [0-9][0-9,]*")]
    private static partial Regex Offset();

    private static byte[] Flip(byte[] bytes, int at)
    {
        byte[] damaged = (byte[])bytes.Clone();
        damaged[at] ^= 0xFF;
        return damaged;
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void ReadTable(string path)
    {
        var view = SequenceFiles.Load(new Microsoft.ML.MLContext(1), path);
        using var cursor = view.GetRowCursor(view.Schema);
        while (cursor.MoveNext()) { }
    }

    private static List<string> ReadAll(string path)
    {
        using var reader = LineReader.Open(path, path);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
