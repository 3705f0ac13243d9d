namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>Window placement: each allele centred in a window of the model's length, N past chromosome ends.</summary>
[Collection(VariantModelCollection.Name)]
public sealed class VariantWindowTests(VariantModelFixture f)
{
    private const int L = VariantModelFixture.Length;

    private string G(string chromosome, long start, int length) => f.Genome.Slice(chromosome, start, length);

    [Fact]
    public void An_SNV_window_is_centred_on_the_variant_with_the_allele_replaced()
    {
        long start = 1_999;   // POS 2000
        string window = VariantWindows.Extended(f.Genome, "chr1", start, "A", 1, L, 0, out bool padded);

        Assert.False(padded);
        Assert.Equal(L, window.Length);
        int left = (L - 1) / 2;
        Assert.Equal(G("chr1", start - left, left) + "A" + G("chr1", start + 1, L - left - 1), window);
    }

    [Fact]
    public void Insertion_and_deletion_windows_hold_each_allele_in_the_middle()
    {
        long start = 2_999;
        string deleted = G("chr1", start, 7);   // REF of a 6-base deletion
        string anchor = deleted[..1];
        string inserted = anchor + "ACGTACGTA";

        string refWindow = VariantWindows.Extended(f.Genome, "chr1", start, deleted, deleted.Length, L, 0, out _);
        string delWindow = VariantWindows.Extended(f.Genome, "chr1", start, anchor, deleted.Length, L, 0, out _);
        string insWindow = VariantWindows.Extended(f.Genome, "chr1", start, inserted, 1, L, 0, out _);

        Assert.All(new[] { refWindow, delWindow, insWindow }, w => Assert.Equal(L, w.Length));
        int refLeft = (L - 7) / 2, delLeft = (L - 1) / 2, insLeft = (L - 10) / 2;
        Assert.Equal(deleted, refWindow.Substring(refLeft, 7));
        Assert.Equal(G("chr1", start - refLeft, L), refWindow);
        // Deletion: the anchor in the middle, the bases after the deleted ones on its right.
        Assert.Equal(G("chr1", start - delLeft, delLeft + 1) + G("chr1", start + 7, L - delLeft - 1), delWindow);
        // Insertion: the inserted allele in the middle, the genome after the anchor on its right.
        Assert.Equal(G("chr1", start - insLeft, insLeft) + inserted + G("chr1", start + 1, L - insLeft - 10), insWindow);
    }

    [Fact]
    public void Shifted_sequences_extend_the_window_by_K_on_each_side()
    {
        string extended = VariantWindows.Extended(f.Genome, "chr2", 1_999, "C", 1, L, 3, out _);
        string plain = VariantWindows.Extended(f.Genome, "chr2", 1_999, "C", 1, L, 0, out _);
        Assert.Equal(L + 6, extended.Length);
        Assert.Equal(plain, extended.Substring(3, L));
        Assert.Equal("TTGCAn", DnaText.ReverseComplement("nTGCAA"));
    }

    [Fact]
    public void Indels_at_chromosome_ends_are_padded_with_N_scored_and_flagged()
    {
        int end = f.Sequences["chr2"].Length;
        string last = new(f.Sequences["chr2"], end - 3, 3);
        string first = f.Sequences["chr1"][0].ToString();
        string vcf = f.WriteVcf("ends.vcf",
        [
            VariantModelFixture.Line("chr1", 1, "ins", first, first + "GGA"),
            VariantModelFixture.Line("chr2", end - 2, "del", last, last[..1]),
        ]);

        var (effects, report) = VariantEffects.Score(f.ML, f.Model, f.Genome, vcf);

        Assert.All(effects, e => Assert.Equal(VariantFlags.Padded, e.Flags));
        Assert.All(effects, e => Assert.True(e.IsScored && float.IsFinite(e.Delta())));
        Assert.Equal((2L, 2L), (report.Scored, report.Padded));
        string delWindow = VariantWindows.Extended(f.Genome, "chr2", end - 3, last[..1], 3, L, 0, out bool padded);
        Assert.True(padded);
        Assert.Equal(L, delWindow.Length);
        Assert.Equal(new string('N', L - (L - 1) / 2 - 1), delWindow[((L - 1) / 2 + 1)..]);
        string insWindow = VariantWindows.Extended(f.Genome, "chr1", 0, first + "GGA", 1, L, 0, out _);
        Assert.Equal(new string('N', (L - 4) / 2) + first + "GGA", insWindow[..((L - 4) / 2 + 4)]);
    }
}
