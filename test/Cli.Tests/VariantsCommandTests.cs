using System.Globalization;

namespace Cnn.MLNet.Cli.Tests;

/// <summary><c>cnn-mlnet variants</c> on the scan tests' model (trained on the motif) and genome (the motif planted on chr1).</summary>
public sealed class VariantsCommandTests(ScanModelFixture scan) : IClassFixture<ScanModelFixture>
{
    private CliRunner Cli => scan.Cli;

    private string Genome(long pos) => File.ReadAllLines(scan.Fasta)[1].Substring((int)pos - 1, 1);

    // A destroying SNV in the planted motif, a neutral one, a multi-allelic record with a symbolic ALT, a duplicate.
    private string Vcf(string name, params string[] extra)
    {
        long site = ScanModelFixture.Site + 6 + 1;
        string motifBase = Genome(site), other = motifBase == "A" ? "C" : "A";
        var lines = new List<string>
        {
            "##fileformat=VCFv4.3",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
            $"chr1\t{site}\tdestroy\t{motifBase}\t{other}\t.\tPASS\t.",
            $"chr1\t300\tneutral\t{Genome(300)}\t{(Genome(300) == "G" ? "T" : "G")}\t.\tPASS\tDP=4",
            $"chr1\t700\tmulti\t{Genome(700)}\t{(Genome(700) == "G" ? "T" : "G")},<DEL>\t.\t.\t.",
            $"chr1\t{site}\tagain\t{motifBase}\t{other}\t.\tPASS\t.",
        };
        lines.AddRange(extra);
        string path = Cli.PathOf(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Variants_writes_effects_mutagenesis_and_an_annotated_VCF_and_prints_a_summary()
    {
        string vcf = Vcf("effects.vcf"), output = Cli.PathOf("effects.tsv"), annotated = Cli.PathOf("effects.vcf.out");
        var run = Cli.Run("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", output, "--ism-window", "5", "--vcf-out", annotated);

        Assert.True(run.Exit == 0, run.Error);
        var rows = File.ReadAllLines(output).Select(l => l.Split('\t')).ToList();
        Assert.Equal("chrom\tpos\tid\tref\talt\tscore_ref\tscore_alt\tdelta\tlog_odds\tflag", string.Join('\t', rows[0]));
        Assert.Equal(["destroy", "neutral", "multi", "multi", "again"], rows.Skip(1).Select(r => r[2]));
        float destroy = float.Parse(rows[1][7], CultureInfo.InvariantCulture), neutral = float.Parse(rows[2][7], CultureInfo.InvariantCulture);
        Assert.True(destroy < 0 && Math.Abs(destroy) > Math.Abs(neutral), $"destroying delta {destroy}, neutral {neutral}");
        Assert.Equal("symbolic", rows[4][9]);
        Assert.Equal(rows[1][5..9], rows[5][5..9]);
        Assert.Equal("duplicate", rows[5][9]);
        Assert.Contains("5 variant(s); 3 scored", run.Output);
        Assert.Contains("1 symbolic", run.Output);
        Assert.Contains("1 duplicate", run.Output);
        Assert.Contains("variants/s", run.Output);

        var ism = File.ReadAllLines(output + ".ism.tsv");
        Assert.Equal(1 + 3 * 2 * 5, ism.Length);
        var vcfLines = File.ReadAllLines(annotated);
        Assert.Contains(vcfLines, l => l.StartsWith("##INFO=<ID=CNN_DELTA,Number=A,Type=Float", StringComparison.Ordinal));
        Assert.Contains("DP=4;CNN_REF=", vcfLines.Single(l => l.Contains("\tneutral\t")));
        Assert.Contains("CNN_FLAG=.,symbolic", vcfLines.Single(l => l.Contains("\tmulti\t")));
    }

    [Fact]
    public void Record_ranges_concatenate_to_the_whole_output()
    {
        string vcf = Vcf("chunks.vcf");
        string whole = Cli.PathOf("whole.tsv");
        Assert.Equal(0, Cli.Run("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", whole).Exit);
        var parts = new[] { "0:1", "1:3", "3:" }.Select((range, i) =>
        {
            string part = Cli.PathOf($"part{i}.tsv");
            var run = Cli.Run("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", part, "--records", range);
            Assert.True(run.Exit == 0, run.Error);
            return File.ReadAllText(part);
        });
        Assert.Equal(File.ReadAllText(whole), string.Concat(parts));
    }

    [Fact]
    public void A_REF_mismatch_is_a_user_error_unless_allowed()
    {
        string vcf = Vcf("mismatch.vcf", "chr2\t10\tbad\tNN\tA\t.\t.\t.");
        string output = Cli.PathOf("mismatch.tsv");

        var refused = Cli.Run("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", output);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("error: 1 variant(s)", refused.Error);
        Assert.Contains("line 7 (chr2:10): VCF REF 'NN'", refused.Error);
        Assert.Contains("--allow-ref-mismatch", refused.Error);
        Assert.False(File.Exists(output));

        var allowed = Cli.Run("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", output, "--allow-ref-mismatch");
        Assert.True(allowed.Exit == 0, allowed.Error);
        Assert.Contains("1 ref_mismatch", allowed.Output);
        Assert.EndsWith("\tNA\tNA\tNA\tNA\tref_mismatch", File.ReadAllLines(output)[^1]);
    }

    [Theory]
    [InlineData("--records", "5")]
    [InlineData("--records", "9:2")]
    [InlineData("--shifts", "-1")]
    [InlineData("--ism-out", "x.tsv")]
    public void Bad_options_are_refused_before_anything_runs(string option, string value)
    {
        var run = Cli.Run("variants", "--model", scan.Model, "--vcf", Vcf("options.vcf"), "--genome", scan.Fasta, "--out", Cli.PathOf("o.tsv"), option, value);
        Assert.Equal(1, run.Exit);
        Assert.Contains(option, run.Error);
    }

    [Fact]
    public void A_malformed_VCF_line_is_a_user_error_naming_file_and_line()
    {
        string vcf = Vcf("malformed.vcf", "chr1\t0\t.\tA\tC\t.\t.\t.");
        var run = Cli.Run("variants", "--model", scan.Model, "--vcf", vcf, "--genome", scan.Fasta, "--out", Cli.PathOf("m.tsv"));
        Assert.Equal(1, run.Exit);
        Assert.Contains("line 7, column 'POS'", run.Error);
    }
}
