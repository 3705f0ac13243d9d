using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Plots;

public sealed class PlotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static Motif MixedMotif() => new("m1", new double[,]
    {
        { 0.97, 0.01, 0.01, 0.01 },
        { 0.25, 0.25, 0.25, 0.25 },
        { 0.1, 0.6, 0.2, 0.1 },
        { 0.01, 0.01, 0.97, 0.01 },
        { 0.4, 0.1, 0.1, 0.4 },
        { 0.01, 0.01, 0.01, 0.97 },
    }, alternateName: "TEST");

    [Fact]
    public void Sequence_logo_is_a_png_of_the_requested_size_with_the_four_letter_colours()
    {
        string path = Path.Combine(_folder, "sub", "logo.png"); // the folder is created
        SequenceLogo.SavePng(MixedMotif(), path, 640, 240);

        Assert.True(PngFile.AssertPng(path, 640, 240) > 1);
        foreach (var colour in new[] { SequenceLogo.ColorA, SequenceLogo.ColorC, SequenceLogo.ColorG, SequenceLogo.ColorT })
            Assert.True(PngFile.HasColour(path, colour), colour.ToString());
    }

    [Fact]
    public void Sequence_logo_default_size_and_one_hot_motif()
    {
        string path = Path.Combine(_folder, "planted.png");
        SequenceLogo.SavePng(Motif.FromConsensus("planted", "CGACCGAACTCC"), path);
        Assert.True(PngFile.AssertPng(path, 800, 300) > 1);
    }

    [Fact]
    public void Letter_heights_are_probability_times_information_content()
    {
        var heights = SequenceLogo.LetterHeights(MixedMotif());
        var motif = MixedMotif();
        for (int i = 0; i < motif.Width; i++)
        {
            double sum = 0;
            for (int b = 0; b < 4; b++) sum += heights[i, b];
            Assert.Equal(motif.InformationContent(i), sum, 1e-9);
        }
        Assert.Equal(0, heights[1, 0], 1e-9); // uniform column: no information
        Assert.True(heights[0, 0] > 1.7);      // near-certain A: close to 2 bits
    }

    [Fact]
    public void Saliency_track_short_and_long_sequences()
    {
        var random = new Random(5);
        string shortSequence = "ACGTACGTTTGACCA";
        var scores = shortSequence.Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        string path = Path.Combine(_folder, "short.png");
        SaliencyTrack.SavePng(shortSequence, scores, path, "short one", width: 700, height: 200);
        Assert.True(PngFile.AssertPng(path, 700, 200) > 1);
        Assert.Contains(scores, s => s > 0);
        Assert.Contains(scores, s => s < 0);
        Assert.True(PngFile.HasColour(path, SaliencyTrack.PositiveColor));
        Assert.True(PngFile.HasColour(path, SaliencyTrack.NegativeColor));

        string longSequence = new(Enumerable.Range(0, 400).Select(_ => "ACGT"[random.Next(4)]).ToArray());
        var longScores = longSequence.Select(_ => (float)random.NextDouble()).ToArray();
        string longPath = Path.Combine(_folder, "long.png");
        SaliencyTrack.SavePng(longSequence, longScores, longPath);
        Assert.True(PngFile.AssertPng(longPath, 2400, 250) > 1);
        Assert.True(PngFile.HasColour(longPath, SaliencyTrack.PositiveColor));
        Assert.False(PngFile.HasColour(longPath, SaliencyTrack.NegativeColor)); // all scores are positive
    }

    [Fact]
    public void Numeric_ticks_are_round_values_inside_the_range()
    {
        var ticks = PlotTicks.Numeric(-0.87, 0.99, 4);
        Assert.Equal(["-0.5", "0.0", "0.5"], ticks.Select(t => t.Label));
        Assert.Equal([50.0, 100, 150, 200, 250, 300, 350, 400], PlotTicks.Numeric(0.5, 400.5, 8, minStep: 1).Select(t => t.Position));
        Assert.All(PlotTicks.Numeric(0.5, 3.5, 50, minStep: 1), t => Assert.Equal(Math.Round(t.Position), t.Position)); // whole positions only
        Assert.Equal(["A", "C"], PlotTicks.AtPositions(["A", "C"]).Select(t => t.Label));
        Assert.Equal([1.0, 2.0], PlotTicks.AtPositions(["A", "C"]).Select(t => t.Position));
    }

    [Fact]
    public void Plot_font_never_fails_and_uses_dejavu_when_installed()
    {
        Assert.NotNull(PlotFont.Typeface);
        using var paint = PlotFont.Paint(12, SkiaSharp.SKColors.Black);
        float width = paint.MeasureText("position"); // no throw, whatever the machine has
        if (File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        {
            Assert.Equal("DejaVu Sans", PlotFont.Typeface.FamilyName);
            Assert.True(width > 20, width.ToString());
        }
    }

    [Fact]
    public void Bad_input_is_an_argument_exception()
    {
        string path = Path.Combine(_folder, "bad.png");
        Assert.Throws<ArgumentException>(() => SaliencyTrack.SavePng("ACGT", [1f, 2f, 3f], path));
        Assert.Throws<ArgumentException>(() => SaliencyTrack.SavePng("", [], path));
        Assert.Throws<ArgumentException>(() => SaliencyTrack.SavePng("ACGT", [1f, float.NaN, 3f, 4f], path));
        Assert.Throws<ArgumentException>(() => SequenceLogo.SavePng(new Motif("empty", new double[0, 4]), path)); // an empty motif cannot exist
        Assert.Throws<ArgumentException>(() => SequenceLogo.SavePng(MixedMotif(), " "));
        Assert.ThrowsAny<ArgumentException>(() => SequenceLogo.SavePng(MixedMotif(), path, width: 0));
        Assert.False(File.Exists(path));
    }
}
