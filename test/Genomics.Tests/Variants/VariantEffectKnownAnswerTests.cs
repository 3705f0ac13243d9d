namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>SNVs that destroy a planted motif, create one in background, or touch neither, scored by a model that learned the motif.</summary>
[Collection(VariantModelCollection.Name)]
public sealed class VariantEffectKnownAnswerTests(VariantModelFixture f)
{
    [Fact]
    public void Destroying_SNVs_score_negative_creating_positive_and_motif_SNVs_separate_from_neutral()
    {
        var lines = new List<string>();
        var kinds = new List<string>();
        foreach (var (chromosome, site) in VariantModelFixture.Sites)
        {
            long pos = site + VariantModelFixture.Mutated + 1;
            lines.Add(VariantModelFixture.Line(chromosome, pos, "destroy", f.Base(chromosome, pos).ToString(), VariantModelFixture.NearBase.ToString()));
            kinds.Add("destroy");
        }
        foreach (var (chromosome, site) in VariantModelFixture.NearSites)
        {
            long pos = site + VariantModelFixture.Mutated + 1;
            lines.Add(VariantModelFixture.Line(chromosome, pos, "create", VariantModelFixture.NearBase.ToString(), MotifData.MotifA[VariantModelFixture.Mutated].ToString()));
            kinds.Add("create");
        }
        var all = VariantModelFixture.Sites.Concat(VariantModelFixture.NearSites).ToList();
        var random = new Random(3);
        while (kinds.Count(k => k == "neutral") < 30)
        {
            string chromosome = random.Next(2) == 0 ? "chr1" : "chr2";
            long pos = random.Next(60, f.Sequences[chromosome].Length - 60);
            if (all.Any(s => s.Chromosome == chromosome && Math.Abs(s.Position - pos) < 100)) continue;
            lines.Add(VariantModelFixture.Line(chromosome, pos, "neutral", f.Base(chromosome, pos).ToString(), f.Other(chromosome, pos).ToString()));
            kinds.Add("neutral");
        }

        var (effects, report) = VariantEffects.Score(f.ML, f.Model, f.Genome, f.WriteVcf("known.vcf", lines));

        Assert.Equal(lines.Count, report.Scored);
        Assert.All(effects, e => Assert.Equal(VariantFlags.None, e.Flags));
        var deltas = effects.Select(e => e.Delta()).ToList();
        for (int i = 0; i < kinds.Count; i++)
        {
            if (kinds[i] == "destroy") Assert.True(deltas[i] < 0, $"destroying SNV {i}: delta {deltas[i]}");
            if (kinds[i] == "create") Assert.True(deltas[i] > 0, $"creating SNV {i}: delta {deltas[i]}");
            if (kinds[i] != "neutral") Assert.True(Math.Sign(effects[i].LogOdds()) == Math.Sign(deltas[i]), $"log-odds of {i}: {effects[i].LogOdds()}");
        }
        var motif = deltas.Where((_, i) => kinds[i] != "neutral").Select(Math.Abs).ToList();
        var neutral = deltas.Where((_, i) => kinds[i] == "neutral").Select(Math.Abs).ToList();
        double auroc = motif.Sum(m => neutral.Sum(n => m > n ? 1.0 : m == n ? 0.5 : 0)) / (motif.Count * neutral.Count);
        Assert.True(auroc >= 0.95, $"auROC of |delta|, motif vs neutral: {auroc:F3}; motif {string.Join(", ", motif)}; neutral {string.Join(", ", neutral)}");
    }
}
