using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Pipelines.Tests.Plots;

namespace Cnn.MLNet.Pipelines.Tests.Motifs.Discovery;

/// <summary>What discovery writes: the MEME file of every pattern's PWM and a PNG per pattern.</summary>
public sealed class MotifDiscoveryOutputTests : IDisposable
{
    private static readonly Lazy<MotifDiscoveryResult> Result = new(() =>
    {
        var data = ContributionData.Generate(300, seed: 11);
        return MotifDiscovery.Discover(data.Tracks, data.NullTracks);
    });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-discovery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void The_meme_file_round_trips_every_pattern()
    {
        var result = Result.Value;
        Assert.Contains(result.Patterns, p => p.Sign > 0);
        Assert.Contains(result.Patterns, p => p.Sign < 0);
        string path = Path.Combine(_folder, "patterns.meme");
        Directory.CreateDirectory(_folder);
        result.WriteMeme(path);

        var read = MemeFile.Read(path);
        Assert.Equal(result.Patterns.Select(p => p.Id), read.Select(m => m.Id));
        Assert.StartsWith("pos_pattern_0", read[0].Id);
        Assert.Contains(read, m => m.Id == "neg_pattern_0");
        for (int k = 0; k < read.Count; k++)
        {
            var pattern = result.Patterns[k];
            Assert.Equal(pattern.SeqletCount, read[k].Sites);
            Assert.Equal(pattern.Width, read[k].Width);
            for (int i = 0; i < pattern.Width; i++)
                for (int b = 0; b < 4; b++) Assert.Equal(pattern.Pwm[i, b], read[k][i, b], tolerance: 2e-6); // six decimals in the file
        }
    }

    [Fact]
    public void Each_pattern_gets_a_png_with_the_contribution_and_pwm_logos()
    {
        var result = Result.Value;
        var files = ContributionLogo.SavePngs(result, _folder);
        Assert.Equal(result.Patterns.Select(p => Path.Combine(Path.GetFullPath(_folder), p.Id + ".png")), files);
        foreach (string file in files)
        {
            Assert.True(PngFile.AssertPng(file, 1200, 300) > 10, $"{file} has almost no colours");
            Assert.True(PngFile.HasColour(file, SequenceLogo.ColorA) || PngFile.HasColour(file, SequenceLogo.ColorT), $"{file} shows no letter colours");
        }

        string custom = Path.Combine(_folder, "small", "one.png");
        ContributionLogo.SavePng(result.Patterns[0], custom, width: 400, height: 150);
        PngFile.AssertPng(custom, 400, 150);
    }

    [Fact]
    public void The_contribution_logo_spans_the_tallest_stacks_up_and_down()
    {
        var (min, max) = ContributionLogo.Range(new double[,] { { 1, 0.5, -0.2, 0 }, { -2, 0, 0, 0.25 } });
        // Up: 1.5 at position 1; down: −2 at position 2; padded by 5 % of the 3.5 span.
        Assert.Equal(1.5 + 0.175, max, 9);
        Assert.Equal(-2 - 0.175, min, 9);
        var (zeroMin, zeroMax) = ContributionLogo.Range(new double[2, 4]);
        Assert.True(zeroMin < 0 && zeroMax > 0);
    }

    [Fact]
    public void A_too_small_picture_is_refused()
    {
        var pattern = Result.Value.Patterns[0];
        var narrow = Assert.Throws<ArgumentOutOfRangeException>(() => ContributionLogo.SavePng(pattern, Path.Combine(_folder, "x.png"), width: 60, height: 300));
        Assert.Equal("width", narrow.ParamName);
        Assert.Contains("100", narrow.Message);
        var flat = Assert.Throws<ArgumentOutOfRangeException>(() => ContributionLogo.SavePng(pattern, Path.Combine(_folder, "x.png"), width: 600, height: 20));
        Assert.Equal("height", flat.ParamName);
        Assert.False(File.Exists(Path.Combine(_folder, "x.png")));
    }
}
