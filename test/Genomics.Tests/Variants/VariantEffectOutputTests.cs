using System.Globalization;

namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>The streamed outputs: TSV columns, chunks that concatenate to the whole, the annotated VCF and mutagenesis rows.</summary>
[Collection(VariantModelCollection.Name)]
public sealed class VariantEffectOutputTests(VariantModelFixture f)
{
    // Twelve records: SNVs, an indel, a duplicate of record 1 (in a later chunk), a multi-allelic record with a symbolic ALT.
    private string Vcf()
    {
        var lines = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            long pos = 300 + 317 * i;
            string reference = f.Base("chr1", pos).ToString(), alt = f.Other("chr1", pos).ToString();
            lines.Add(i switch
            {
                4 => VariantModelFixture.Line("chr1", pos, "indel", reference, reference + "TTAG"),
                8 => VariantModelFixture.Line("chr1", 300 + 317, "dup", f.Base("chr1", 617).ToString(), f.Other("chr1", 617).ToString()),
                10 => VariantModelFixture.Line("chr1", pos, "multi", reference, $"{alt},<DUP>,{"ACGT".Last(b => b != f.Base("chr1", pos))}"),
                _ => VariantModelFixture.Line("chr1", pos, "v" + i.ToString(CultureInfo.InvariantCulture), reference, alt),
            });
        }
        return f.WriteVcf("chunks.vcf", lines);
    }

    private (string Tsv, string Ism, string Vcf, VariantEffectReport Report) Run(string vcf, VariantEffectOptions options)
    {
        using var tsv = new StringWriter();
        using var ism = new StringWriter();
        using var annotated = new StringWriter();
        var report = VariantEffects.Write(f.ML, f.Model, f.Genome, vcf, options, tsv, ism, annotated);
        return (tsv.ToString(), ism.ToString(), annotated.ToString(), report);
    }

    [Fact]
    public void Chunked_ranges_concatenate_to_the_whole_byte_for_byte()
    {
        string vcf = Vcf();
        var whole = Run(vcf, new VariantEffectOptions { BatchSize = 4, IsmWindow = 3 });
        var parts = new[] { "0:3", "3:7", "7:8", "8:" }.Select(r => Run(vcf, new VariantEffectOptions { BatchSize = 4, IsmWindow = 3, Records = VcfRecordRange.Parse(r) })).ToList();

        Assert.Equal(whole.Tsv, string.Concat(parts.Select(p => p.Tsv)));
        Assert.Equal(whole.Ism, string.Concat(parts.Select(p => p.Ism)));
        Assert.Equal(whole.Vcf, string.Concat(parts.Select(p => p.Vcf)));
        Assert.Equal(whole.Report.Variants, parts.Sum(p => p.Report.Variants));
        // The duplicate's first copy is in another chunk: that chunk scores it, the whole run does not.
        Assert.Equal(1, parts[3].Report.Duplicates);
        Assert.Equal(whole.Report.Scored + 1, parts.Sum(p => p.Report.Scored));
        // Another batch size is another batch shape, which may change last bits: chunks share one batch size.
        var other = Run(vcf, new VariantEffectOptions { BatchSize = 3 }).Tsv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(whole.Tsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[..5]), other.Select(l => l.Split('\t')[..5]));
    }

    [Fact]
    public void The_TSV_has_one_row_per_ALT_in_input_order_with_NA_for_unscored_values()
    {
        var run = Run(Vcf(), new VariantEffectOptions());
        var rows = run.Tsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();

        Assert.Equal(["chrom", "pos", "id", "ref", "alt", "score_ref", "score_alt", "delta", "log_odds", "flag"], rows[0]);
        Assert.Equal(1 + 14, rows.Count);
        Assert.Equal(".", rows[1][9]);
        var symbolic = rows.Single(r => r[4] == "<DUP>");
        Assert.Equal(["NA", "NA", "NA", "NA", "symbolic"], symbolic[5..]);
        Assert.Equal("duplicate", rows.Single(r => r[2] == "dup")[9]);
        foreach (var row in rows.Skip(1).Where(r => r[5] != "NA"))
        {
            float reference = float.Parse(row[5], CultureInfo.InvariantCulture), alt = float.Parse(row[6], CultureInfo.InvariantCulture);
            Assert.Equal(alt - reference, float.Parse(row[7], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void The_annotated_VCF_is_valid_VCF_with_one_INFO_value_per_ALT()
    {
        var run = Run(Vcf(), new VariantEffectOptions());
        string path = Path.Combine(f.Root, "annotated.vcf");
        File.WriteAllText(path, run.Vcf);

        var lines = run.Vcf.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int chrom = Array.FindIndex(lines, l => l.StartsWith("#CHROM", StringComparison.Ordinal));
        foreach (string id in new[] { "CNN_REF", "CNN_ALT", "CNN_DELTA", "CNN_FLAG" })
            Assert.Contains(lines[..chrom], l => l.StartsWith($"##INFO=<ID={id},Number=A,", StringComparison.Ordinal));
        Assert.Equal("##fileformat=VCFv4.2", lines[0]);

        var records = VcfFile.Read(path);
        Assert.Equal(12, records.Count);
        foreach (var record in records)
        {
            var info = record.Line.Split('\t')[7].Split(';').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1].Split(','));
            Assert.All(new[] { "CNN_REF", "CNN_ALT", "CNN_DELTA", "CNN_FLAG" }, id => Assert.Equal(record.Alts.Count, info[id].Length));
        }
        var multi = records.Single(r => r.Id == "multi").Line.Split('\t')[7];
        Assert.Contains("CNN_FLAG=.,symbolic,.", multi);
        Assert.Contains("CNN_FLAG=duplicate", records.Single(r => r.Id == "dup").Line);
    }

    [Fact]
    public void Mutagenesis_rows_cover_the_window_positions_of_both_alleles()
    {
        var run = Run(Vcf(), new VariantEffectOptions { IsmWindow = 5 });
        var rows = run.Ism.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();

        Assert.Equal("chrom\tpos\tid\tref\talt\tallele\toffset\tbase\tdelta_A\tdelta_C\tdelta_G\tdelta_T", string.Join('\t', rows[0]));
        var first = rows.Skip(1).Where(r => r[2] == "v0").ToList();
        Assert.Equal(10, first.Count);
        Assert.Equal(["-2", "-1", "0", "1", "2"], first.Where(r => r[5] == "ref").Select(r => r[6]));
        // The allele's own base changes nothing.
        var atVariant = first.Single(r => r[5] == "alt" && r[6] == "0");
        Assert.Equal("0", atVariant[8 + "ACGT".IndexOf(atVariant[7][0])]);
        // Setting the ref window's variant base to ALT is the variant itself: its delta is the variant's delta.
        var effects = VariantEffects.Score(f.ML, f.Model, f.Genome, Vcf()).Effects;
        var refAtVariant = first.Single(r => r[5] == "ref" && r[6] == "0");
        float mutated = float.Parse(refAtVariant[8 + "ACGT".IndexOf(effects[0].Alt[0])], CultureInfo.InvariantCulture);
        Assert.Equal(effects[0].Delta(), mutated);
        // No rows for duplicates or unscored variants.
        Assert.DoesNotContain(rows, r => r[2] == "dup" || r[4] == "<DUP>");
    }

    [Fact]
    public void Both_strands_and_shifts_average_finite_predictions()
    {
        string vcf = Vcf();
        var plain = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf).Effects;
        var averaged = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf, new VariantEffectOptions { BothStrands = true, Shifts = 2 }).Effects;

        Assert.Equal(plain.Select(e => e.Flags), averaged.Select(e => e.Flags));
        Assert.All(averaged.Where(e => e.IsScored), e => Assert.True(e.RefScores![0] is >= 0 and <= 1));
        Assert.NotEqual(plain.Where(e => e.IsScored).Select(e => e.RefScores![0]), averaged.Where(e => e.IsScored).Select(e => e.RefScores![0]));
    }
}
