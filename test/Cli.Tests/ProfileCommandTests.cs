using System.Globalization;
using System.Text.Json;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Cli.Tests;

/// <summary><c>train --profile</c>, <c>evaluate --bed … --stranded</c> and <c>predict --bigwig-out</c> on simulated tracks.</summary>
public sealed class ProfileCommandTests(ProfileModelFixture fixture) : IClassFixture<ProfileModelFixture>
{
    [Fact]
    public void Profile_train_saves_the_model_and_prints_held_out_metrics_as_json()
    {
        var (exit, output, error) = fixture.TrainRun;

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(fixture.Model));
        Assert.Contains("peak windows", error);     // the data report
        Assert.Contains("chr3", error);             // the split report
        using var json = JsonDocument.Parse(output);
        Assert.Equal("profile", json.RootElement.GetProperty("task").GetString());
        Assert.True(json.RootElement.GetProperty("rows").GetInt64() > 0);
        Assert.Equal(2, json.RootElement.GetProperty("tracks").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("profileJsd").ValueKind);
        Assert.Equal(fixture.Model, json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void Binned_mse_train_with_unstranded_bigwigs_prints_the_binned_table_and_predicts_bins_spread_over_their_bases()
    {
        using var cli = new CliRunner();
        string model = cli.PathOf("binned.zip");

        var (exit, output, error) = cli.Run(["train", .. fixture.Data(), "--bigwig", $"{fixture.Plus},{fixture.Minus}", .. ProfileModelFixture.Small(epochs: 1),
            "--bin-size", "20", "--loss", "mse", "--background-fraction", "0", "--model", model]);

        Assert.True(exit == 0, error);
        Assert.Contains("binned-track metrics on", output);
        Assert.Contains("log1p r", output);
        var ml = new MLContext(1);
        var fitted = ml.Model.LoadCnn(model, out _);
        var shape = ProfileModelShape.Of(fitted);
        Assert.Equal((200, 160, 2, 20, false, TrackHeadKind.Binned), (shape.InputLength, shape.OutputLength, shape.Tracks, shape.BinSize, shape.Stranded, shape.Head));

        // predict: each bin's Score spread over its 20 bases, in track0.bw and track1.bw (the --bigwig order).
        File.WriteAllText(cli.PathOf("r.bed"), "chr2\t3000\t3160\n");
        var predicted = cli.Run("predict", "--model", model, "--genome", fixture.Genome, "--regions", cli.PathOf("r.bed"), "--bigwig-out", cli.PathOf("b"));
        Assert.True(predicted.Exit == 0, predicted.Error);
        using var genome = Genome.Load(fixture.Genome);
        var scored = fitted.Transform(ml.Data.LoadFromEnumerable([new Window { Sequence = genome.Slice("chr2", 3000 - 20, 200) }]));
        float[] bins = scored.GetColumn<VBuffer<float>>(ProfileOutputColumns.Score).Single().DenseValues().ToArray();
        for (int t = 0; t < 2; t++)
        {
            using var track = BigWigFile.Open(cli.PathOf($"b.track{t}.bw"));
            var values = new float[160];
            track.Read("chr2", 3000, values);
            for (int i = 0; i < 160; i++) Assert.Equal(bins[t * 8 + i / 20] / 20, values[i], 1e-6f);
        }
    }

    [Fact]
    public void Evaluate_builds_the_rows_from_the_model_and_prints_the_profile_table()
    {
        using var cli = new CliRunner();

        var (exit, output, error) = cli.Run("evaluate", "--model", fixture.Model, "--bed", fixture.Peaks, "--genome", fixture.Genome,
            "--stranded", $"{fixture.Plus},{fixture.Minus}", "--chromosomes", "chr3");

        Assert.True(exit == 0, error);
        Assert.Contains("profile metrics on", output);
        Assert.Contains("count r", output);
        Assert.Contains("mean", output);
    }

    [Fact]
    public void Evaluate_with_unstranded_tracks_for_a_stranded_model_names_what_the_model_needs()
    {
        using var cli = new CliRunner();

        var (exit, _, error) = cli.Run("evaluate", "--model", fixture.Model, "--bed", fixture.Peaks, "--genome", fixture.Genome, "--bigwig", fixture.Plus);

        Assert.Equal(1, exit);
        Assert.Contains("predicts 2 stranded (plus, minus) track(s)", error);
    }

    [Fact]
    public void Predict_writes_bigwigs_whose_values_are_the_profile_of_each_window()
    {
        using var cli = new CliRunner();
        // Two regions on chr1: tiles start at each region's start, 160 bases apart; the second region ends mid-window.
        File.WriteAllText(cli.PathOf("regions.bed"), "chr1\t1000\t1480\nchr1\t5000\t5100\n");
        string prefix = cli.PathOf("pred");

        var (exit, _, error) = cli.Run("predict", "--model", fixture.Model, "--genome", fixture.Genome, "--regions", cli.PathOf("regions.bed"), "--bigwig-out", prefix);

        Assert.True(exit == 0, error);
        Assert.Contains("wrote " + prefix + ".plus.bw", error);
        var ml = new MLContext(1);
        var model = ml.Model.LoadCnn(fixture.Model, out _);
        using var genome = Genome.Load(fixture.Genome);
        using var plus = BigWigFile.Open(prefix + ".plus.bw");
        using var minus = BigWigFile.Open(prefix + ".minus.bw");
        foreach (long start in new long[] { 1000, 1160, 1320, 5000 })
        {
            // The known answer: the window whose output starts at `start` (input = 20 bases of flank either side), scored directly.
            float[] profile = ScoreWindow(ml, model, genome.Slice("chr1", start - 20, 200));
            int written = start == 5000 ? 100 : 160;
            var (p, m) = (new float[written], new float[written]);
            plus.Read("chr1", start, p);
            minus.Read("chr1", start, m);
            for (int i = 0; i < written; i++)
            {
                Assert.Equal(profile[i], p[i], 5e-6f);
                Assert.Equal(profile[160 + i], m[i], 5e-6f);
            }
        }
        var after = new float[60];
        plus.Read("chr1", 5100, after);
        Assert.All(after, v => Assert.Equal(0f, v));    // only the region's bases are written
    }

    [Fact]
    public void Predict_clips_a_region_to_its_chromosome_and_pads_the_last_input_window_with_N()
    {
        using var cli = new CliRunner();
        int end = ProfileModelFixture.ChromosomeLength;
        // The region reaches 10 kb past chr2's end: one window, its output [end − 100, end + 60) and its input 80 bases past the end.
        File.WriteAllText(cli.PathOf("edge.bed"), $"chr2\t{end - 100}\t{end + 10_000}\n");

        var (exit, _, error) = cli.Run("predict", "--model", fixture.Model, "--genome", fixture.Genome, "--regions", cli.PathOf("edge.bed"), "--bigwig-out", cli.PathOf("edge"));

        Assert.True(exit == 0, error);
        var ml = new MLContext(1);
        using var genome = Genome.Load(fixture.Genome);
        string window = genome.Slice("chr2", end - 120, 200);
        Assert.EndsWith(new string('N', 80), window);
        float[] profile = ScoreWindow(ml, ml.Model.LoadCnn(fixture.Model, out _), window);
        using var plus = BigWigFile.Open(cli.PathOf("edge.plus.bw"));
        Assert.Equal(end, plus.Chromosomes.Single(c => c.Name == "chr2").Length);
        var values = new float[100];
        plus.Read("chr2", end - 100, values);
        for (int i = 0; i < 100; i++) Assert.Equal(profile[i], values[i], 5e-6f);
    }

    [PyBigWigFact]
    public void Predicted_bigwig_of_whole_chromosomes_reads_back_in_pybigwig()
    {
        using var cli = new CliRunner();
        string prefix = cli.PathOf("whole");

        var (exit, _, error) = cli.Run("predict", "--model", fixture.Model, "--genome", fixture.Genome, "--chromosomes", "chr2", "--bigwig-out", prefix);

        Assert.True(exit == 0, error);
        using var ours = BigWigFile.Open(prefix + ".minus.bw");
        var values = new float[ProfileModelFixture.ChromosomeLength];
        ours.Read("chr2", 0, values);
        Assert.True(values.All(v => v > 0), "every base of chr2 is predicted (expected counts are positive)");
        string output = PyBigWig.Run(cli.Folder, """
            bw = pyBigWig.open(sys.argv[1])
            print(bw.chroms()["chr2"])
            print(sum(bw.values("chr2", 0, bw.chroms()["chr2"])))
            """, prefix + ".minus.bw");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ProfileModelFixture.ChromosomeLength.ToString(CultureInfo.InvariantCulture), lines[0].Trim());
        double sum = double.Parse(lines[1], CultureInfo.InvariantCulture);
        Assert.Equal(values.Sum(v => (double)v), sum, 1e-3 * sum);
    }

    [Fact]
    public void A_track_without_a_peak_chromosome_is_named_and_missing_as_zero_trains()
    {
        using var cli = new CliRunner();
        // The plus strand for chr1 and chr2 only.
        using (var plus = BigWigFile.Open(fixture.Plus))
        {
            var kept = new[] { "chr1", "chr2" }.Select(c =>
            {
                var v = new float[ProfileModelFixture.ChromosomeLength];
                plus.Read(c, 0, v);
                return new KeyValuePair<string, float[]>(c, v);
            }).ToArray();
            BigWigWriter.WriteTrack(cli.PathOf("partial.bw"), new InMemoryCoverageTrack("partial", kept));
        }
        string[] common = ["train", .. fixture.Data(), "--bigwig", cli.PathOf("partial.bw"), .. ProfileModelFixture.Small(epochs: 1), "--model", cli.PathOf("m.zip")];

        var (exit, _, error) = cli.Run(common);
        Assert.Equal(1, exit);
        Assert.Contains("partial.bw", error);
        Assert.Contains("chr3", error);

        var (zeroExit, _, zeroError) = cli.Run([.. common, "--missing-as-zero"]);
        Assert.True(zeroExit == 0, zeroError);
    }

    [Theory]
    [InlineData("--profile without tracks", "--profile needs the tracks to learn")]
    [InlineData("--bigwig without --profile", "--bigwig goes with --profile")]
    [InlineData("--bigwig and --stranded", "Give --bigwig or --stranded, not both")]
    [InlineData("--loss on the profile head", "--loss applies to the binned head")]
    [InlineData("--output-length above --length", "--output-length (300) must be at most --length (200)")]
    [InlineData("odd flank", "must be even")]
    [InlineData("--bin-size not dividing", "--bin-size (7) must divide --output-length (160)")]
    [InlineData("--preset with --profile", "--preset does not go with --profile")]
    [InlineData("--stranded with one file", "--stranded takes two files")]
    [InlineData("--profile without --bed", "--profile needs --bed")]
    [InlineData("--shift with a shorter output window", "--shift needs --output-length equal to --length (160 < 200)")]
    [InlineData("--shift with bins", "--shift does not go with --bin-size above 1")]
    public void Bad_profile_option_combinations_fail_while_parsing(string case_, string expected)
    {
        using var cli = new CliRunner();
        string bw = cli.PathOf("a.bw"), bed = cli.PathOf("p.bed"), fa = cli.PathOf("g.fa"), model = cli.PathOf("m.zip");
        string[] data = ["--bed", bed, "--genome", fa];
        string[] args = case_ switch
        {
            "--profile without tracks" => [.. data, "--profile"],
            "--bigwig without --profile" => [.. data, "--bigwig", bw],
            "--bigwig and --stranded" => [.. data, "--profile", "--bigwig", bw, "--stranded", $"{bw},{bw}"],
            "--loss on the profile head" => [.. data, "--profile", "--bigwig", bw, "--loss", "mse"],
            "--output-length above --length" => [.. data, "--profile", "--bigwig", bw, "--length", "200", "--output-length", "300"],
            "odd flank" => [.. data, "--profile", "--bigwig", bw, "--length", "200", "--output-length", "161"],
            "--bin-size not dividing" => [.. data, "--profile", "--bigwig", bw, "--length", "200", "--output-length", "160", "--bin-size", "7"],
            "--preset with --profile" => [.. data, "--profile", "--bigwig", bw, "--preset", "Zou2019"],
            "--stranded with one file" => [.. data, "--profile", "--stranded", bw],
            "--profile without --bed" => ["--data", cli.PathOf("x.tsv"), "--profile", "--bigwig", bw],
            "--shift with a shorter output window" => [.. data, "--profile", "--bigwig", bw, "--length", "200", "--output-length", "160", "--shift", "3"],
            "--shift with bins" => [.. data, "--profile", "--bigwig", bw, "--length", "200", "--bin-size", "20", "--shift", "3"],
            _ => throw new ArgumentException(case_),
        };

        var (exit, _, error) = cli.Run(["train", .. args, "--model", model]);

        Assert.Equal(1, exit);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData("--bigwig-out without --genome", "--bigwig-out needs --genome")]
    [InlineData("--regions and --chromosomes", "Give --regions or --chromosomes, not both")]
    [InlineData("--regions without --bigwig-out", "--regions goes with --bigwig-out")]
    [InlineData("neither --out nor --bigwig-out", "predict needs --out FILE")]
    public void Bad_predict_track_options_fail_while_parsing(string case_, string expected)
    {
        using var cli = new CliRunner();
        string[] args = case_ switch
        {
            "--bigwig-out without --genome" => ["--bigwig-out", cli.PathOf("p")],
            "--regions and --chromosomes" => ["--bigwig-out", cli.PathOf("p"), "--genome", fixture.Genome, "--regions", cli.PathOf("r.bed"), "--chromosomes", "chr1"],
            "--regions without --bigwig-out" => ["--data", cli.PathOf("x.tsv"), "--out", cli.PathOf("o.tsv"), "--regions", cli.PathOf("r.bed")],
            "neither --out nor --bigwig-out" => ["--data", cli.PathOf("x.tsv")],
            _ => throw new ArgumentException(case_),
        };

        var (exit, _, error) = cli.Run(["predict", "--model", fixture.Model, .. args]);

        Assert.Equal(1, exit);
        Assert.Contains(expected, error);
    }

    private static float[] ScoreWindow(MLContext ml, ITransformer model, string sequence)
    {
        var scored = model.Transform(ml.Data.LoadFromEnumerable([new Window { Sequence = sequence }]));
        return scored.GetColumn<VBuffer<float>>(ProfileOutputColumns.Profile).Single().DenseValues().ToArray();
    }

    private sealed class Window
    {
        public string Sequence { get; set; } = "";
    }
}
