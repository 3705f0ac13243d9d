using System.Globalization;
using Cnn.MLNet.Genomics.Tests.Genomics;

namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>
/// Every kind of model the scanner takes, on its tiny genome (soft-masked stretches, IUPAC codes,
/// short chromosomes): the TSV has one column set per output, and the direct route's numbers are
/// the text route's.
/// </summary>
public sealed class VariantModelKindsTests(ScanRouteFixture models) : IClassFixture<ScanRouteFixture>
{
    private string Vcf()
    {
        string path = Path.Combine(models.Directory, "kinds.vcf");
        var g = models.Genome;
        string B(string c, long pos) => g.Slice(c, pos - 1, 1);
        File.WriteAllLines(path,
        [
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
            $"chr1\t30\tmasked\t{B("chr1", 30)}\tA,C\t.\t.\t.",
            $"chr1\t69\tiupac\t{B("chr1", 69)}\tG\t.\t.\t.",
            $"chr2\t40\tend\t{B("chr2", 40)}{B("chr2", 41)}\t{B("chr2", 40)}\t.\t.\t.",
            $"chr3\t6\tshort\t{B("chr3", 6)}\t{B("chr3", 6)}TTT\t.\t.\t.",
        ]);
        return path;
    }

    [Theory]
    [InlineData(nameof(ScanRouteFixture.Binary), 1, true)]
    [InlineData(nameof(ScanRouteFixture.ReverseComplementAveraged), 1, true)]
    [InlineData(nameof(ScanRouteFixture.Multiclass), 4, false)]
    [InlineData(nameof(ScanRouteFixture.MultiTask), 2, false)]
    [InlineData(nameof(ScanRouteFixture.Dinucleotide), 1, true)]
    public void Each_model_kind_gets_a_column_set_per_output(string name, int outputs, bool probability)
    {
        var model = models.Model(name);
        using var tsv = new StringWriter();
        var report = VariantEffects.Write(models.ML, model, models.Genome, Vcf(), new VariantEffectOptions { AllowRefMismatch = true, BothStrands = true }, tsv, null, null);

        var rows = tsv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        int perOutput = probability ? 4 : 3;
        Assert.Equal(5 + outputs * perOutput + 1, rows[0].Length);
        Assert.Equal(outputs, report.OutputNames.Count);
        if (outputs > 1)
            Assert.All(rows[0][5..^1], c => Assert.Matches(@"^(score_ref|score_alt|delta)\.\S+$", c));
        // Multiclass columns are named by class (the predicted label's key values), multi-task ones by index.
        var suffixes = rows[0].Where(c => c.StartsWith("delta.", StringComparison.Ordinal)).Select(c => c["delta.".Length..]).ToHashSet();
        if (name == nameof(ScanRouteFixture.Multiclass)) Assert.Equal(["A", "AB", "B", "none"], suffixes.Order());
        if (name == nameof(ScanRouteFixture.MultiTask)) Assert.Equal(["0", "1"], suffixes.Order());
        Assert.Equal(probability, rows[0].Contains("log_odds"));
        Assert.Equal(1 + 5, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal(rows[0].Length, r.Length));
        Assert.All(rows.Skip(1).SelectMany(r => r[5..^1]), v => Assert.True(float.IsFinite(float.Parse(v, CultureInfo.InvariantCulture)), v));
        Assert.Equal(["padded", "padded"], rows[^2..].Select(r => r[^1]));
    }

    [Theory]
    [InlineData(nameof(ScanRouteFixture.Binary))]
    [InlineData(nameof(ScanRouteFixture.Multiclass))]
    [InlineData(nameof(ScanRouteFixture.MultiTask))]
    [InlineData(nameof(ScanRouteFixture.Dinucleotide))]
    public void The_direct_route_scores_as_the_text_route(string name)
    {
        var model = models.Model(name);
        var outputs = VariantOutputs.Of(model);
        var direct = new VariantBatchScorer(models.ML, model, outputs, 4, 1, true);
        var text = new VariantBatchScorer(models.ML, model, outputs, 4, 1, true, text: true);
        Assert.True(direct.Direct, name);
        var sequences = new string?[] { models.Genome.Slice("chr1", 15, ScanRouteFixture.Length + 2), null, models.Genome.Slice("chr1", 65, ScanRouteFixture.Length + 2), models.Genome.Slice("chr2", 20, ScanRouteFixture.Length + 2) };
        float[] a = new float[4 * outputs.Count], b = new float[4 * outputs.Count];
        direct.Score(sequences, a);
        text.Score(sequences, b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Copies_differing_only_in_case_score_alike_in_chunks_on_a_soft_mask_model()
    {
        var model = models.Model(nameof(ScanRouteFixture.ReverseComplementAveraged));
        string b = models.Genome.Slice("chr1", 29, 1);   // soft-masked (lowercase) in the genome
        string alt = b.ToUpperInvariant() == "A" ? "c" : "a";
        string path = Path.Combine(models.Directory, "case.vcf");
        File.WriteAllLines(path,
        [
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
            $"chr1\t30\tlower\t{b.ToLowerInvariant()}\t{alt}\t.\t.\t.",
            $"chr1\t30\tupper\t{b.ToUpperInvariant()}\t{alt.ToUpperInvariant()}\t.\t.\t.",
        ]);
        string Run(string? range)
        {
            using var tsv = new StringWriter();
            VariantEffects.Write(models.ML, model, models.Genome, path, new VariantEffectOptions { Records = range is null ? null : VcfRecordRange.Parse(range) }, tsv, null, null);
            return tsv.ToString();
        }

        string whole = Run(null);
        Assert.Equal(whole, Run("0:1") + Run("1:"));
        var rows = whole.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(rows[0][5..9], rows[1][5..9]);
    }
}
