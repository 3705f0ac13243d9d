namespace Cnn.MLNet.Genomics.Tests.Variants;

/// <summary>The batch scorer: the direct route (encoded windows, CNN only) against the text route (strings through the whole model).</summary>
[Collection(VariantModelCollection.Name)]
public sealed class VariantBatchScorerTests(VariantModelFixture f)
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(2, true)]
    public void The_direct_route_gives_the_text_routes_values_bit_for_bit(int shifts, bool bothStrands)
    {
        var outputs = VariantOutputs.Of(f.Model);
        var direct = new VariantBatchScorer(f.ML, f.Model, outputs, 6, shifts, bothStrands);
        var text = new VariantBatchScorer(f.ML, f.Model, outputs, 6, shifts, bothStrands, text: true);
        Assert.True(direct.Direct);
        Assert.False(text.Direct);
        var sequences = new string?[6];
        for (int i = 0; i < 5; i++)
            sequences[i] = f.Genome.Slice("chr1", 480 + 7 * i - shifts, VariantModelFixture.Length + 2 * shifts).ToLowerInvariant()[..^1] + "N";
        float[] a = new float[6], b = new float[6];

        direct.Score(sequences, a);
        text.Score(sequences, b);

        Assert.Equal(b[..5], a[..5]);
        Assert.Contains(a[..5], v => v > 0.5f);
    }
}
