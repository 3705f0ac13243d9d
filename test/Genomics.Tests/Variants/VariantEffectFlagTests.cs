namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>REF checks, swaps, duplicates, multi-allelic and symbolic records, and their counts.</summary>
[Collection(VariantModelCollection.Name)]
public sealed class VariantEffectFlagTests(VariantModelFixture f)
{
    private static string Line(string chromosome, long pos, string reference, string alt, string id = ".") => VariantModelFixture.Line(chromosome, pos, id, reference, alt);

    private string B(string chromosome, long pos) => f.Base(chromosome, pos).ToString();

    private string O(string chromosome, long pos) => f.Other(chromosome, pos).ToString();

    private static long SitePos => VariantModelFixture.Sites[0].Position + VariantModelFixture.Mutated + 1;

    [Fact]
    public void A_REF_mismatch_is_refused_with_the_count_and_first_records()
    {
        string vcf = f.WriteVcf("mismatch.vcf",
        [
            Line("chr1", 100, B("chr1", 100), O("chr1", 100)),
            Line("chr1", 200, B("chr1", 200).ToLowerInvariant(), O("chr1", 200)),
            Line("chr1", 300, Other2("chr1", 300), Other3("chr1", 300)),
            Line("chr2", 400, Other2("chr2", 400), Other3("chr2", 400)),
        ]);

        var error = Assert.Throws<FormatException>(() => VariantEffects.Score(f.ML, f.Model, f.Genome, vcf));
        Assert.StartsWith("2 variant(s)", error.Message);
        Assert.Contains($"{vcf} line 5 (chr1:300): VCF REF '{Other2("chr1", 300)}', genome '{B("chr1", 300)}'", error.Message);
        Assert.Contains($"{vcf} line 6 (chr2:400)", error.Message);
        Assert.Contains("--allow-ref-mismatch", error.Message);

        var (effects, report) = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf, new VariantEffectOptions { AllowRefMismatch = true });
        Assert.Equal(2, report.RefMismatches);
        Assert.Equal(2, report.Scored);
        Assert.Equal([VariantFlags.None, VariantFlags.None, VariantFlags.RefMismatch, VariantFlags.RefMismatch], effects.Select(e => e.Flags));
        Assert.False(effects[2].IsScored);
        Assert.True(float.IsNaN(effects[2].Delta()));
    }

    // Two bases that are neither the genome's nor each other (REF and ALT both wrong: a mismatch, not a swap).
    private string Other2(string chromosome, long pos) => "ACGT".Where(b => b != f.Base(chromosome, pos)).ElementAt(0).ToString();

    private string Other3(string chromosome, long pos) => "ACGT".Where(b => b != f.Base(chromosome, pos)).ElementAt(1).ToString();

    [Fact]
    public void Swapped_records_are_skipped_or_scored_flipped_with_the_delta_negated()
    {
        var (chromosome, _) = VariantModelFixture.Sites[0];
        string genome = B(chromosome, SitePos), other = VariantModelFixture.NearBase.ToString();
        string vcf = f.WriteVcf("swapped.vcf", [Line(chromosome, SitePos, genome, other), Line(chromosome, SitePos, other, genome)]);

        var (skipped, report) = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf);
        Assert.Equal(VariantFlags.Swapped, skipped[1].Flags);
        Assert.False(skipped[1].IsScored);
        Assert.Equal(1, report.Swapped);

        var (flipped, flippedReport) = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf, new VariantEffectOptions { FlipSwapped = true });
        Assert.Equal(VariantFlags.SwappedFlipped, flipped[1].Flags);
        Assert.Equal(1, flippedReport.SwappedFlipped);
        Assert.True(flipped[0].Delta() < 0);
        Assert.Equal(-flipped[0].Delta(), flipped[1].Delta());
        Assert.Equal(flipped[0].RefScores, flipped[1].AltScores);
    }

    [Fact]
    public void Duplicates_are_scored_once_and_carry_the_first_copys_scores()
    {
        string a = Line("chr1", 800, B("chr1", 800), O("chr1", 800));
        string multi = Line("chr1", 800, B("chr1", 800), O("chr1", 800) + "," + O("chr1", 800));
        string vcf = f.WriteVcf("dups.vcf", [a, Line("chr2", 900, B("chr2", 900), O("chr2", 900)), a.ToLowerInvariant().Replace("chr1", "chr1"), multi]);

        var (effects, report) = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf);

        Assert.Equal(5, effects.Count);
        Assert.Equal(2, report.Scored);
        Assert.Equal(3, report.Duplicates);
        Assert.Equal([VariantFlags.None, VariantFlags.None, VariantFlags.Duplicate, VariantFlags.Duplicate, VariantFlags.Duplicate], effects.Select(e => e.Flags));
        foreach (var copy in effects.Where(e => e.Flags == VariantFlags.Duplicate))
        {
            Assert.Equal(effects[0].RefScores, copy.RefScores);
            Assert.Equal(effects[0].AltScores, copy.AltScores);
        }
    }

    [Fact]
    public void Multi_allelic_records_split_per_ALT_and_symbolic_ALTs_are_skipped_and_counted()
    {
        long pos = 1_200;
        var others = "ACGT".Where(b => b != f.Base("chr1", pos)).Select(b => b.ToString()).ToList();
        string vcf = f.WriteVcf("multi.vcf",
        [
            Line("chr1", pos, B("chr1", pos), $"{others[0]},<DEL>,{others[1]},*"),
            Line("chr2", 50, B("chr2", 50), "<*>"),
        ]);

        var (effects, report) = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf);

        Assert.Equal([others[0], "<DEL>", others[1], "*", "<*>"], effects.Select(e => e.Alt));
        Assert.Equal([0, 1, 2, 3, 0], effects.Select(e => e.AltIndex));
        Assert.Equal([true, false, true, false, false], effects.Select(e => e.IsScored));
        Assert.Equal(VariantFlags.Symbolic, effects[1].Flags);
        Assert.Equal((2L, 5L, 2L, 3L), (report.Records, report.Variants, report.Scored, report.Symbolic));
    }

    [Fact]
    public void An_allele_longer_than_the_window_is_flagged_too_long_and_not_scored()
    {
        string reference = new(f.Sequences["chr1"], 2_999, VariantModelFixture.Length + 1);
        string vcf = f.WriteVcf("long.vcf", [Line("chr1", 3_000, reference, reference[0].ToString())]);

        var (effects, report) = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf);

        Assert.Equal(VariantFlags.TooLong, effects[0].Flags);
        Assert.False(effects[0].IsScored);
        Assert.Equal(1, report.TooLong);
    }

    [Fact]
    public void An_unknown_chromosome_is_refused_naming_file_line_and_chromosome()
    {
        string vcf = f.WriteVcf("unknown.vcf", [Line("chr1", 10, B("chr1", 10), O("chr1", 10)), Line("1", 10, "A", "C")]);

        var error = Assert.Throws<FormatException>(() => VariantEffects.Score(f.ML, f.Model, f.Genome, vcf));

        Assert.StartsWith($"{vcf} line 4, column 'CHROM':", error.Message);
        Assert.Contains("'1'", error.Message);
        Assert.Contains("chr1", error.Message);
    }
}
