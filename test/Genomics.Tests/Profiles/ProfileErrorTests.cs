namespace Cnn.MLNet.Genomics.Tests.Profiles;

public sealed class ProfileErrorTests
{
    [Fact]
    public void A_track_without_a_peaks_chromosome_names_the_track_the_chromosome_and_the_bed_line()
    {
        using var data = new ProfileTestData();
        var partial = new InMemoryCoverageTrack("partial.bw", [new KeyValuePair<string, float[]>("chr1", new float[ProfileTestData.ChromosomeLength])]);
        string bed = data.Bed("peaks.bed", "chr1\t5000\t5100", "chr2\t5000\t5100");
        var error = Assert.Throws<KeyNotFoundException>(() => ProfileTrainingData.Build(data.ML, data.Genome,
            new ProfileTrainingOptions { BedPath = bed, Length = 100, OutputLength = 100, Tracks = [partial] }));
        Assert.Contains("partial.bw", error.Message);
        Assert.Contains("'chr2'", error.Message);
        Assert.Contains(bed, error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(-2f, "-2")]
    public void A_nan_or_negative_value_names_the_track_chromosome_and_base(float bad, string shown)
    {
        using var data = new ProfileTestData();
        var track = ProfileTestData.Track("signal.bw", 5, 1);
        track.Values("chr3")[8042] = bad;
        string bed = data.Bed("peaks.bed", "chr1\t5000\t5100", "chr3\t8000\t8100");
        var error = Assert.Throws<InvalidDataException>(() => ProfileTrainingData.Build(data.ML, data.Genome,
            new ProfileTrainingOptions { BedPath = bed, Length = 100, OutputLength = 100, Tracks = [track] }));
        Assert.Contains("signal.bw", error.Message);
        Assert.Contains("chr3:8042", error.Message);
        Assert.Contains(shown, error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Bad_options_name_the_option()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 5, 1);
        string bed = data.Bed("peaks.bed", "chr1\t5000\t5100");
        ProfileTrainingOptions Options() => new() { BedPath = bed, Length = 100, OutputLength = 100, Tracks = [a] };
        void Fails(ProfileTrainingOptions o, string name) =>
            Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(() => ProfileTrainingData.Build(data.ML, data.Genome, o)).ParamName);

        var both = Options(); both.StrandedTracks = (a, a); Fails(both, "Tracks");
        var neither = Options(); neither.Tracks = null; Fails(neither, "Tracks");
        var odd = Options(); odd.OutputLength = 99; Fails(odd, "OutputLength");
        var longer = Options(); longer.OutputLength = 200; Fails(longer, "OutputLength");
        var bins = Options(); bins.BinSize = 3; Fails(bins, "BinSize");
        var fraction = Options(); fraction.BackgroundFraction = -1; Fails(fraction, "BackgroundFraction");
    }

    [Fact]
    public void A_bed_with_every_peak_excluded_says_so()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 5, 1);
        string bed = data.Bed("peaks.bed", "chr1\t5000\t5100");
        var error = Assert.Throws<InvalidDataException>(() => ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = bed,
            Length = 100,
            OutputLength = 100,
            Tracks = [a],
            Exclude = new ExcludedRegions([("chr1", 0, 10_000)]),
        }));
        Assert.Contains("overlaps an excluded region", error.Message);
    }

    [Fact]
    public void A_bad_value_under_a_background_window_is_named_when_the_row_is_read()
    {
        using var data = new ProfileTestData();
        // NaN everywhere but under the peaks' output windows: Build's pass over the peaks is clean.
        var values = ProfileTestData.Names.Select(n => new KeyValuePair<string, float[]>(n, Enumerable.Repeat(float.NaN, ProfileTestData.ChromosomeLength).ToArray())).ToArray();
        string bed = data.GridPeaks();
        foreach (var peak in BedFile.Read(bed))
            Array.Fill(values.Single(v => v.Key == peak.Chromosome).Value, 1f, (int)peak.Start + 50, 100);
        var track = new InMemoryCoverageTrack("holes.bw", values);
        var (view, _) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = bed,
            Length = 200,
            OutputLength = 100,
            Tracks = [track],
            BackgroundFraction = 0.1,
        });
        var error = Assert.Throws<InvalidDataException>(() => ProfileTestData.Rows(view));
        Assert.StartsWith("The background window chr", error.Message);
        Assert.Contains("holes.bw", error.Message);
        Assert.Contains("NaN", error.Message);
    }
}
