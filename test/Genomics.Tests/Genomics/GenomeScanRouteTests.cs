using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary>
/// The direct route (windows encoded from the genome's bytes, only the CNN applied) writes the very
/// bedGraph of the text route (windows as text through the whole model), and other chains still
/// take the text route.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GenomeScanRouteTests(ScanRouteFixture scan) : IClassFixture<ScanRouteFixture>
{
    private (string Text, GenomeScanSummary Summary) Direct(ITransformer model, GenomeScanOptions options)
    {
        var writer = new StringWriter();
        var summary = GenomeScanner.Scan(scan.ML, model, scan.Genome, options, writer);
        return (writer.ToString(), summary);
    }

    private string AsText(ITransformer model, GenomeScanOptions options)
    {
        var writer = new StringWriter();
        GenomeScanner.ScanAsText(scan.ML, model, scan.Genome, options, writer);
        return writer.ToString();
    }

    private static GenomeScanRoute RouteOf(ITransformer model, int target = 0) => GenomeScanRoute.For(model, GenomeScanModel.Of(model, target));

    private static float[] Values(string bedGraph) =>
        bedGraph.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => float.Parse(l.Split('\t')[3], CultureInfo.InvariantCulture)).ToArray();

    [Theory]
    [InlineData(nameof(ScanRouteFixture.Binary), 0, 1)]
    [InlineData(nameof(ScanRouteFixture.Binary), 0, 7)]
    [InlineData(nameof(ScanRouteFixture.ReverseComplementAveraged), 0, 1)]
    [InlineData(nameof(ScanRouteFixture.ReverseComplementAveraged), 0, 40)]
    [InlineData(nameof(ScanRouteFixture.Multiclass), 2, 3)]
    [InlineData(nameof(ScanRouteFixture.MultiTask), 1, 5)]
    [InlineData(nameof(ScanRouteFixture.Dinucleotide), 0, 1)]
    [InlineData(nameof(ScanRouteFixture.Dinucleotide), 0, 7)]
    public void Direct_route_writes_the_text_routes_bedGraph_byte_for_byte(string name, int target, int stride)
    {
        var model = scan.Model(name);
        Assert.True(RouteOf(model, target).Direct, $"{name} should take the direct route");
        var options = new GenomeScanOptions { Stride = stride, Target = target };

        var (direct, summary) = Direct(model, options);
        string text = AsText(model, options);

        Assert.Equal(text, direct);
        var values = Values(direct);
        Assert.Equal(summary.Windows, values.Length);
        Assert.True(values.Distinct().Count() > Math.Min(10, values.Length / 2), $"{name}: the values should vary ({values.Distinct().Count()} distinct of {values.Length})");
    }

    [Theory]
    [InlineData(nameof(ScanRouteFixture.ReverseComplementAveraged))]
    [InlineData(nameof(ScanRouteFixture.Dinucleotide))]
    public void Windows_past_the_end_and_soft_masked_or_IUPAC_bases_are_scored_as_the_model_scores_their_text(string name)
    {
        // Stride 1 over chr2 (41 bp) and chr3 (12 bp, shorter than a window): most windows run past the end.
        // The dinucleotide model's windows are as many bases as the first-order model's (Length counts bases).
        var model = scan.Model(name);
        var (direct, summary) = Direct(model, new GenomeScanOptions { Stride = 1 });
        var lines = direct.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal([157L, 41L, 12L], summary.Chromosomes.Select(c => (long)c.Length));
        Assert.Contains(summary.Chromosomes, c => (c.Windows - 1) + ScanRouteFixture.Length > c.Length);

        // Each window k of each chromosome against the model's own Transform of Genome.Slice (N past the end, case kept).
        var windows = summary.Chromosomes.SelectMany(c => Enumerable.Range(0, (int)c.Windows).Select(k => (c.Chromosome, Start: (long)k)))
            .Select(w => new MotifData.Row { Sequence = scan.Genome.Slice(w.Chromosome, w.Start, ScanRouteFixture.Length) }).ToList();
        Assert.Contains(windows, w => w.Sequence.EndsWith('N') && w.Sequence.Any(char.IsLower));
        Assert.Contains(windows, w => w.Sequence.Contains("RYKMSWBDHV", StringComparison.Ordinal));
        var expected = model.Transform(scan.ML.Data.LoadFromEnumerable(windows)).GetColumn<float>("Probability").ToArray();
        Assert.Equal(expected.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)), lines.Select(l => l[3]));
    }

    [Fact]
    public void A_refused_character_fails_both_routes_with_the_same_message()
    {
        var options = new GenomeScanOptions { Stride = 5 };
        var direct = Assert.Throws<InvalidOperationException>(() => GenomeScanner.Scan(scan.ML, scan.Binary, scan.IllegalGenome, options, new StringWriter()));
        var text = Assert.Throws<InvalidOperationException>(() => GenomeScanner.ScanAsText(scan.ML, scan.Binary, scan.IllegalGenome, options, new StringWriter()));

        Assert.Equal(text.Message, direct.Message);
        Assert.Contains("column 'Sequence', row 4 (0-based): illegal character 'X'", direct.Message); // window [20, 50) holds position 47
    }

    [Fact]
    public void Other_chains_take_the_text_route_and_still_scan()
    {
        // A stage before the encoder: the windows must go through it as text.
        var copy = scan.ML.Transforms.CopyColumns("SequenceCopy", "Sequence").Fit(scan.ML.Data.LoadFromEnumerable(MotifData.Generate(4, 1, ScanRouteFixture.Length)));
        var leading = new TransformerChain<ITransformer>([copy, .. (TransformerChain<ITransformer>)scan.Binary]);
        Assert.False(RouteOf(leading).Direct);
        var options = new GenomeScanOptions { Stride = 3 };
        Assert.Equal(Direct(scan.Binary, options).Text, Direct(leading, options).Text);

        // A stage after the CNN that rewrites the written value (here the logit as "Probability"): the value must be the rewritten one.
        var binary = (TransformerChain<ITransformer>)scan.Binary;
        var scored = binary.Transform(scan.ML.Data.LoadFromEnumerable(MotifData.Generate(4, 1, ScanRouteFixture.Length)));
        var rewrite = scan.ML.Transforms.CopyColumns("Probability", "Score").Fit(scored);
        var trailing = new TransformerChain<ITransformer>([.. binary, rewrite]);
        Assert.False(RouteOf(trailing).Direct);
        var logits = Values(Direct(trailing, options).Text);
        Assert.Equal(Values(Direct(scan.Binary, options).Text).Length, logits.Length);
        Assert.Contains(logits, v => v < 0 || v > 1);

        // A stage after the CNN that leaves the value alone (the multiclass class-name mapping) keeps the direct route.
        Assert.True(RouteOf(scan.Multiclass, 2).Direct);
    }
}
