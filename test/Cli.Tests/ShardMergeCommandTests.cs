namespace Cnn.MLNet.Cli.Tests;

/// <summary>
/// Sharded runs joined by <c>merge</c> give the single process's file byte for byte: scans split by
/// chromosome and into region chunks (whose batches of the CNN start at other windows than the whole
/// scan's, the last one partial), predictions split into row ranges, variant chunks. Every command
/// runs with <c>--threads 1</c>, as a sharded workflow would.
/// </summary>
public sealed class ShardMergeCommandTests(ScanModelFixture scan) : IClassFixture<ScanModelFixture>
{
    private CliRunner Cli => scan.Cli;

    private void Ok(params string[] args)
    {
        var run = Cli.Run(["--threads", "1", .. args]);
        Assert.True(run.Exit == 0, $"{string.Join(' ', args)}: {run.Error}");
    }

    private string Scan(string name, params string[] extra)
    {
        string output = Cli.PathOf(name);
        Ok(["scan", "--model", scan.Model, "--genome", scan.Fasta, "--stride", "3", "--out", output, .. extra]);
        return output;
    }

    /// <summary>Byte-equal files; when they are not, the message shows the first line that differs.</summary>
    private static void AssertSameBytes(string expected, string actual)
    {
        if (File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual))) return;
        var (a, b) = (File.ReadAllLines(expected), File.ReadAllLines(actual));
        int at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"{actual} differs from {expected} at line {at + 1} of {a.Length}/{b.Length}: '{(at < b.Length ? b[at] : "(end)")}' instead of '{(at < a.Length ? a[at] : "(end)")}'.");
    }

    private string Merge(string kind, string name, IEnumerable<string> parts)
    {
        string output = Cli.PathOf(name);
        Ok(["merge", kind, "--out", output, .. parts]);
        return output;
    }

    // Byte-identical because the CNN scorer computes every batch at the full batch size (the last one
    // padded): libtorch's CPU kernels give other last bits for another batch size (bench/Repro/BatchShape).
    [Fact]
    public void Per_chromosome_scan_shards_merge_to_the_whole_scan()
    {
        string whole = Scan("shard-whole.bedGraph");
        var parts = new[] { "chr1", "chr2" }.Select(c => Scan($"shard-{c}.bedGraph", "--chromosomes", c)).ToList();

        string merged = Merge("bedgraph", "shard-merged.bedGraph", parts);

        AssertSameBytes(whole, merged);
    }

    [Fact]
    public void Region_chunks_of_a_chromosome_merge_to_its_scan()
    {
        // Stride 3, chr1 has 3,000 bases: 998 windows. Chunks of 990 bases hold 330 windows, neither a
        // multiple of the scoring batch (256) nor aligned with the whole scan's batches; the last
        // chunk runs past the chromosome's end and is clipped.
        string whole = Scan("region-whole.bedGraph", "--chromosomes", "chr1");
        var parts = new[] { "0-990", "990-1980", "1980-2970", "2970-4000" }
            .Select((range, i) => Scan($"region-{i}.bedGraph", "--region", "chr1:" + range)).ToList();

        string merged = Merge("bedgraph", "region-merged.bedGraph", parts);

        AssertSameBytes(whole, merged);
        Assert.Equal(File.ReadLines(whole).First(), File.ReadLines(parts[2]).First());
    }

    [Fact]
    public void Predict_row_ranges_merge_to_the_whole_prediction()
    {
        string data = Cli.WriteMotifTsv("rows.tsv", 600, seed: 41);
        string whole = Cli.PathOf("rows-whole.tsv");
        Ok("predict", "--model", scan.Model, "--data", data, "--out", whole);
        var parts = new[] { "0:200", "200:450", "450:" }.Select((range, i) =>
        {
            string part = Cli.PathOf($"rows-{i}.tsv");
            Ok("predict", "--model", scan.Model, "--data", data, "--rows", range, "--out", part);
            return part;
        }).ToList();

        string merged = Merge("tsv", "rows-merged.tsv", parts);

        AssertSameBytes(whole, merged);
        Assert.Equal(1 + 250, File.ReadAllLines(parts[1]).Length);
    }

    [Fact]
    public void Variant_chunks_merge_to_the_whole_run_as_TSV_and_VCF()
    {
        long site = ScanModelFixture.Site + 6 + 1;
        string chr1 = File.ReadAllLines(scan.Fasta)[1];
        string Snv(long pos, string id)
        {
            string reference = chr1.Substring((int)pos - 1, 1);
            return $"chr1\t{pos}\t{id}\t{reference}\t{(reference == "A" ? "C" : "A")}\t.\tPASS\t.";
        }
        string vcf = Cli.PathOf("chunks.vcf");
        File.WriteAllLines(vcf, ["##fileformat=VCFv4.3", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO", Snv(site, "motif"), Snv(300, "a"), Snv(700, "b"), Snv(1_400, "c"), Snv(1_450, "d")]);
        string whole = Cli.PathOf("variants-whole.tsv"), wholeVcf = Cli.PathOf("variants-whole.vcf");
        Ok("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", whole, "--vcf-out", wholeVcf);
        var parts = new[] { "0:2", "2:3", "3:" }.Select((range, i) =>
        {
            string part = Cli.PathOf($"variants-{i}.tsv"), partVcf = Cli.PathOf($"variants-{i}.vcf");
            Ok("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", part, "--vcf-out", partVcf, "--records", range);
            return (Tsv: part, Vcf: partVcf);
        }).ToList();

        string merged = Merge("tsv", "variants-merged.tsv", parts.Select(p => p.Tsv));
        string mergedVcf = Merge("vcf", "variants-merged.vcf", parts.Select(p => p.Vcf));

        AssertSameBytes(whole, merged);
        AssertSameBytes(wholeVcf, mergedVcf);
    }

    [Fact]
    public void A_region_start_off_the_stride_is_refused_naming_both()
    {
        var given = Cli.Run("scan", "--model", scan.Model, "--genome", scan.Fasta, "--stride", "300", "--region", "chr1:1000-2000", "--out", Cli.PathOf("off.bedGraph"));
        Assert.Equal(1, given.Exit);
        Assert.Contains("error: --region start 1000 is not a multiple of the stride 300", given.Error);

        // The default stride (half of the 40-bp input) is known once the model is read.
        var byDefault = Cli.Run("scan", "--model", scan.Model, "--genome", scan.Fasta, "--region", "chr1:30-100", "--out", Cli.PathOf("off.bedGraph"));
        Assert.Equal(1, byDefault.Exit);
        Assert.Contains("starts at 30, which is not a multiple of the stride 20", byDefault.Error);
        Assert.False(File.Exists(Cli.PathOf("off.bedGraph")));
    }

    [Theory]
    [InlineData("chr1:0-100", "--chromosomes", "chr1", "Give --region or --chromosomes, not both.")]
    [InlineData("chr1:100", null, null, "--region 'chr1:100' is not a region CHR:START-END")]
    [InlineData("chr2:2000-3000", null, null, "starts at or past the end of 'chr2', which has 2000 bases")]
    [InlineData("chrX:0-100", null, null, "has no chromosome 'chrX'")]
    public void Bad_regions_are_refused(string region, string? option, string? value, string message)
    {
        string[] extra = option is null ? [] : [option, value!];
        var run = Cli.Run(["scan", "--model", scan.Model, "--genome", scan.Fasta, "--region", region, "--out", Cli.PathOf("bad.bedGraph"), .. extra]);
        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void Rows_do_not_go_with_images_and_must_be_a_range()
    {
        var images = Cli.Run("predict", "--model", scan.Model, "--images", Cli.Folder, "--rows", "0:10", "--out", Cli.PathOf("x.tsv"));
        Assert.Equal(1, images.Exit);
        Assert.Contains("--rows goes with --data only", images.Error);
        var range = Cli.Run("predict", "--model", scan.Model, "--data", Cli.PathOf("x.tsv"), "--rows", "9:2", "--out", Cli.PathOf("x.tsv"));
        Assert.Equal(1, range.Exit);
        Assert.Contains("error: --rows '9:2' is not a row range", range.Error);
    }
}

/// <summary><c>merge</c> refuses parts that do not fit together, and says which file and line.</summary>
public sealed class ShardMergeErrorTests : IDisposable
{
    private const string Header = "track type=bedGraph name=\"m\" description=\"binary Probability of 40-bp windows, stride 10\"\n";
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Write(string name, string text)
    {
        string path = _cli.PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    private (int Exit, string Output, string Error) Merge(string kind, params string[] parts) =>
        _cli.Run(["merge", kind, "--out", _cli.PathOf("merged"), .. parts]);

    [Fact]
    public void BedGraph_parts_join_under_one_header_with_line_endings_kept()
    {
        string a = Write("a.bedGraph", Header + "chr1\t0\t10\t0.5\r\nchr1\t10\t20\t0.25\n");
        string b = Write("b.bedGraph", Header + "chr1\t20\t30\t1e-07\nchr2\t5\t15\t0\n");

        var run = Merge("bedgraph", a, b);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(Header + "chr1\t0\t10\t0.5\r\nchr1\t10\t20\t0.25\nchr1\t20\t30\t1e-07\nchr2\t5\t15\t0\n", File.ReadAllText(_cli.PathOf("merged")));
        Assert.Contains("merged 2 part(s): 5 lines", run.Output);
    }

    [Fact]
    public void BedGraphs_with_different_headers_are_refused_naming_both()
    {
        string a = Write("a.bedGraph", Header + "chr1\t0\t10\t0.5\n");
        string b = Write("b.bedGraph", Header.Replace("stride 10", "stride 20", StringComparison.Ordinal) + "chr1\t10\t20\t0.5\n");

        var run = Merge("bedgraph", a, b);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"error: The header lines of '{b}' differ from those of '{a}'", run.Error);
        Assert.False(File.Exists(_cli.PathOf("merged")));
    }

    [Fact]
    public void Overlapping_or_out_of_order_bedGraph_parts_are_refused_naming_file_and_line()
    {
        string first = Write("first.bedGraph", Header + "chr1\t0\t10\t0.5\nchr1\t10\t20\t0.5\n");
        string second = Write("second.bedGraph", Header + "chr1\t20\t30\t0.5\nchr1\t30\t40\t0.5\n");
        string chr2 = Write("chr2.bedGraph", Header + "chr2\t0\t10\t0.5\n");

        var swapped = Merge("bedgraph", second, first);
        Assert.Equal(1, swapped.Exit);
        Assert.Contains($"error: {first}:2: the interval chr1:0-10 starts before the end 40 of the previous one ({second}:3)", swapped.Error);

        var twice = Merge("bedgraph", first, first);
        Assert.Contains($"{first}:2: the interval chr1:0-10 starts before the end 20", twice.Error);

        var back = Merge("bedgraph", first, chr2, second);
        Assert.Equal(1, back.Exit);
        Assert.Contains($"error: {second}:2: chromosome 'chr1' appears again after 'chr2' began ({chr2}:2)", back.Error);
    }

    [Fact]
    public void Tsv_parts_drop_repeated_headers_and_keep_headerless_chunks()
    {
        string a = Write("a.tsv", "Id\tScore\nr0\t1\n");
        string b = Write("b.tsv", "Id\tScore\nr1\t2\n");
        string c = Write("c.tsv", "r2\t3\n");

        var run = Merge("tsv", a, b, c);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal("Id\tScore\nr0\t1\nr1\t2\nr2\t3\n", File.ReadAllText(_cli.PathOf("merged")));
    }

    [Fact]
    public void Vcf_parts_must_repeat_the_same_header_if_any()
    {
        const string Head = "##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
        string a = Write("a.vcf", Head + "chr1\t5\t.\tA\tC\t.\t.\t.\n");
        string b = Write("b.vcf", "chr1\t9\t.\tA\tC\t.\t.\t.\n");
        string other = Write("other.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t9\t.\tA\tC\t.\t.\t.\n");

        Assert.Equal(0, Merge("vcf", a, b).Exit);
        Assert.Equal(Head + "chr1\t5\t.\tA\tC\t.\t.\t.\nchr1\t9\t.\tA\tC\t.\t.\t.\n", File.ReadAllText(_cli.PathOf("merged")));
        var refused = Merge("vcf", a, other);
        Assert.Equal(1, refused.Exit);
        Assert.Contains($"error: The header of '{other}' differs from that of '{a}'", refused.Error);
    }

    [Fact]
    public void Missing_parts_no_parts_and_an_output_among_the_inputs_are_refused()
    {
        string a = Write("a.tsv", "Id\nr0\n");
        string missing = _cli.PathOf("missing.tsv");

        var absent = Merge("tsv", a, missing);
        Assert.Equal(1, absent.Exit);
        Assert.Contains($"error: The part file '{missing}' does not exist.", absent.Error);

        var none = _cli.Run("merge", "bedgraph", "--out", _cli.PathOf("merged"));
        Assert.Equal(1, none.Exit);
        Assert.Contains("error: merge bedgraph needs the part files to join", none.Error);

        var self = _cli.Run("merge", "tsv", "--out", a, a);
        Assert.Equal(1, self.Exit);
        Assert.Contains($"error: --out '{a}' is also part 1", self.Error);
        Assert.Equal("Id\nr0\n", File.ReadAllText(a));
    }

    [Fact]
    public void A_part_cut_short_without_a_final_line_break_is_refused()
    {
        string a = Write("a.tsv", "Id\nr0");
        string b = Write("b.tsv", "r1\n");

        var run = Merge("tsv", a, b);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"error: The part file '{a}' does not end with a line break", run.Error);
    }
}
