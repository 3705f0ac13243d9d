using System.Text;
using Cnn.MLNet.Genomics.Tests.Data;

namespace Cnn.MLNet.Genomics.Tests.Variants;

public sealed class VcfFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cnn-mlnet-vcf-tests-" + Guid.NewGuid().ToString("N"));

    public VcfFileTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    private static readonly string[] Lines =
    [
        "##fileformat=VCFv4.2",
        "##contig=<ID=chr1,length=1000>",
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
        "chr1\t10\trs1\tA\tG\t.\tPASS\t.",
        "chr1\t20\t.\tac\tA,AGT,<DEL>\t50\t.\tDP=3",
        "chr2\t5\tsv\tN\t*,G]chr1:5],.\t.\t.\t.\tGT\t0/1",
    ];

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, params string[] lines) => Write(name, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    [Fact]
    public void Records_carry_fields_lines_and_indices_and_keep_symbolic_alts()
    {
        var records = VcfFile.Read(Write("a.vcf", Lines));

        Assert.Equal(3, records.Count);
        var r = records[0];
        Assert.Equal(("chr1", 10L, "rs1", "A", 4L, 0L), (r.Chromosome, r.Position, r.Id, r.Ref, r.LineNumber, r.Index));
        Assert.Equal(["G"], records[0].Alts);
        Assert.Equal(["A", "AGT", "<DEL>"], records[1].Alts);
        Assert.Equal((5L, 1L, "ac"), (records[1].LineNumber, records[1].Index, records[1].Ref));
        Assert.Equal(["*", "G]chr1:5]", "."], records[2].Alts);
        Assert.All(records[2].Alts, a => Assert.True(VcfAlleles.IsSymbolic(a)));
        Assert.False(VcfAlleles.IsSymbolic("AGT"));
        Assert.True(VcfAlleles.IsSymbolic("<*>"));
    }

    [Fact]
    public void Crlf_gzip_and_bgzip_read_as_plain_text_does()
    {
        var plain = VcfFile.Read(Write("plain.vcf", Lines));
        var crlf = VcfFile.Read(Write("crlf.vcf", Encoding.UTF8.GetBytes(string.Join("\r\n", Lines) + "\r\n")));
        var gz = VcfFile.Read(Write("a.vcf.gz", TestCompression.Gzip(Lines, out _)));
        var bgz = VcfFile.Read(Write("b.vcf.gz", TestCompression.Bgzf(Lines, out _)));

        foreach (var other in new[] { crlf, gz, bgz })
        {
            Assert.Equal(plain.Count, other.Count);
            for (int i = 0; i < plain.Count; i++)
            {
                Assert.Equal(plain[i] with { Alts = [] }, other[i] with { Alts = [] });
                Assert.Equal(plain[i].Alts, other[i].Alts);
            }
        }
    }

    [Fact]
    public void The_fileformat_line_is_optional_and_blank_lines_are_skipped()
    {
        var records = VcfFile.Read(Write("min.vcf", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO", "", "chr1\t1\t.\tA\tC\t.\t.\t."));
        Assert.Single(records);
        Assert.Equal(3, records[0].LineNumber);
    }

    [Theory]
    [InlineData("chr1\t10\t.\tA\tG", "line 2", "8 tab-separated columns")]
    [InlineData("chr1\t0\t.\tA\tG\t.\t.\t.", "line 2, column 'POS'", "'0' is not a positive integer")]
    [InlineData("chr1\tten\t.\tA\tG\t.\t.\t.", "line 2, column 'POS'", "'ten' is not a positive integer")]
    [InlineData("chr1\t10\t.\tAX\tG\t.\t.\t.", "line 2, column 'REF'", "'AX'")]
    [InlineData("chr1\t10\t.\tA\tG,U\t.\t.\t.", "line 2, column 'ALT'", "'U'")]
    [InlineData("chr1\t10\t.\tA\tG,\t.\t.\t.", "line 2, column 'ALT'", "empty allele")]
    public void Malformed_lines_are_refused_naming_file_and_line(string line, string where, string problem)
    {
        string path = Write("bad.vcf", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO", line);
        var error = Assert.Throws<FormatException>(() => VcfFile.Read(path));
        Assert.StartsWith($"{path} {where}:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Data_before_the_header_line_and_missing_files_are_refused()
    {
        string path = Write("noheader.vcf", "chr1\t10\t.\tA\tG\t.\t.\t.");
        Assert.Contains("before the #CHROM header", Assert.Throws<FormatException>(() => VcfFile.Read(path)).Message);
        Assert.Throws<FileNotFoundException>(() => VcfFile.Read(Path.Combine(_root, "absent.vcf")));
    }

    [Theory]
    [InlineData("0:10", 0L, 10L)]
    [InlineData("5:", 5L, long.MaxValue)]
    [InlineData(":7", 0L, 7L)]
    public void Record_ranges_parse(string text, long start, long end) =>
        Assert.Equal(new VcfRecordRange(start, end), VcfRecordRange.Parse(text));

    [Theory]
    [InlineData("10")]
    [InlineData("5:2")]
    [InlineData("-1:3")]
    public void Bad_record_ranges_are_refused(string text) =>
        Assert.Throws<FormatException>(() => VcfRecordRange.Parse(text));
}
