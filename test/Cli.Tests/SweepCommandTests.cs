using System.Text.Json;
using Cnn.MLNet.Cli.Commands;
using Cnn.MLNet.Pipelines;

namespace Cnn.MLNet.Cli.Tests;

public class SweepCommandTests
{
    // A space with filters narrower than the 12-base motif (3) and as wide (12).
    private static readonly string[] Space = ["--filters", "1", "16", "--kernel-sizes", "3", "12", "--conv-blocks", "1", "--dense-units", "0", "--batch-sizes", "32", "--batch-norm", "no"];

    [Fact]
    public void Sweep_prints_progress_per_trial_and_a_leaderboard_writes_the_CSV_and_saves_a_model_that_evaluate_loads()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("motif.tsv", 600, seed: 2), model = cli.PathOf("best.zip");
        var swept = cli.Run(["sweep", "--data", data, "--trials", "4", "--min-epochs", "2", "--max-epochs", "6", "--time-limit", "5m", "--seed", "2",
            "--no-warm-start", "--model", model, .. Space]);
        Assert.True(swept.Exit == 0, swept.Error);

        // One progress line per evaluation: 4 trials for 2 epochs, then the best of them (one or two) for 6.
        var progress = swept.Error.Split('\n').Where(l => l.StartsWith("trial ")).ToList();
        Assert.Equal(4, progress.Count(l => l.Contains(" (random) rung 1/2, 2 epochs: auc ")));
        Assert.InRange(progress.Count(l => l.Contains(" rung 2/2, 6 epochs: auc ")), 1, 2);
        Assert.Contains("refit epoch 1/", swept.Error);
        Assert.Contains("stopped: the trial cap was reached", swept.Output);
        Assert.Matches(@"after \d+ s of search; the refit took \d+ s more", swept.Output);
        Assert.True(new FileInfo(cli.PathOf("best.progress.png")).Length > 1000);

        Assert.Contains("leaderboard (auc on the validation split):", swept.Output);
        Assert.Contains("rank  trial  rung  epochs     auc", swept.Output);
        Assert.Contains("binary metrics on", swept.Output);
        // The motif is 12 bases: the winner scans with 12-wide filters (one such filter is enough for one motif).
        Assert.Matches(@"bestOptions: network=searched filters=\d+ kernelSize=12 ", swept.Output);

        string csvPath = cli.PathOf("best.leaderboard.csv");
        var csv = File.ReadAllLines(csvPath);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("rank,trial,source,status,rung,epochs,", csv[0]);
        Assert.StartsWith("1,", csv[1]);
        Assert.Equal("12", csv[1].Split(',')[Array.IndexOf(csv[0].Split(','), "kernelSize")]);

        var evaluated = cli.Run("evaluate", "--model", model, "--data", cli.WriteMotifTsv("fresh.tsv", 300, seed: 9), "--json");
        Assert.True(evaluated.Exit == 0, evaluated.Error);
        using var json = JsonDocument.Parse(evaluated.Output);
        Assert.True(json.RootElement.GetProperty("auc").GetDouble() > 0.9, evaluated.Output);
    }

    [Fact]
    public void Sweep_json_is_one_object_with_the_winner_and_the_held_out_metrics()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("motif.tsv", 400, seed: 4), model = cli.PathOf("m.zip"), board = cli.PathOf("board.csv");
        var swept = cli.Run(["sweep", "--data", data, "--trials", "2", "--no-halving", "--max-epochs", "2", "--folds", "2", "--metric", "accuracy",
            "--no-warm-start", "--model", model, "--leaderboard", board, "--json", .. Space]);
        Assert.True(swept.Exit == 0, swept.Error);
        using var json = JsonDocument.Parse(swept.Output);
        var root = json.RootElement;
        Assert.Equal("binary", root.GetProperty("task").GetString());
        Assert.InRange(root.GetProperty("rows").GetInt64(), 60, 100); // ML.NET's 20% split is approximate
        Assert.Equal(board, root.GetProperty("leaderboard").GetString());
        Assert.InRange(root.GetProperty("validationAccuracy").GetDouble(), 0, 1);
        Assert.Equal(2, root.GetProperty("trials").GetInt32());
        Assert.Equal("TrialCap", root.GetProperty("stopReason").GetString());
        Assert.True(root.GetProperty("refitSeconds").GetDouble() >= 0);
        Assert.True(File.Exists(model));
        Assert.Contains(";", File.ReadAllLines(board)[1]); // two folds' values
    }

    [Fact]
    public void Sweep_on_an_image_folder_uses_the_image_space_and_reports_on_the_test_images()
    {
        using var cli = new CliRunner();
        string train = cli.PathOf("train"), test = cli.PathOf("test"), model = cli.PathOf("images.zip");
        ShapeImageSimulator.WriteFolders(train, 20, new ShapeImageOptions { Width = 20, Height = 20, Seed = 1 });
        ShapeImageSimulator.WriteFolders(test, 5, new ShapeImageOptions { Width = 20, Height = 20, Seed = 2 });
        var swept = cli.Run("sweep", "--images", train, "--test-images", test, "--image-size", "16x16", "--trials", "2", "--no-halving",
            "--max-epochs", "2", "--batch-sizes", "16", "--no-warm-start", "--model", model, "--json");
        Assert.True(swept.Exit == 0, swept.Error);
        using var json = JsonDocument.Parse(swept.Output);
        Assert.Equal("multiclass", json.RootElement.GetProperty("task").GetString());
        Assert.Equal(15, json.RootElement.GetProperty("rows").GetInt64());
        // The image space's kernels (3, 5) and pooling (max 2), not the sequence space's.
        Assert.Matches(@"kernelSize=[35] .*pool=max2", json.RootElement.GetProperty("bestOptions").GetString());

        var evaluated = cli.Run("evaluate", "--model", model, "--images", test, "--json");
        Assert.True(evaluated.Exit == 0, evaluated.Error);

        var both = cli.Run("sweep", "--images", train, "--data", cli.WriteMotifTsv("m.tsv", 50, 1), "--model", model);
        Assert.Contains("not both", both.Error);
        var rc = cli.Run("sweep", "--images", train, "--rc-augment", "--model", model);
        Assert.Contains("--rc-augment applies to sequences (--data), not to --images", rc.Error);
    }

    [Fact]
    public void Sweep_starts_with_the_presets_and_can_save_the_best_two_as_an_ensemble_that_evaluate_loads()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("motif.tsv", 300, seed: 5), model = cli.PathOf("ens.zip");
        var swept = cli.Run("sweep", "--data", data, "--trials", "3", "--max-epochs", "2", "--ensemble", "2", "--model", model);
        Assert.True(swept.Exit == 0, swept.Error);
        // The warm start: the default (TwoBlock), the default with reverse-complement handling, then Zou2019.
        var progress = swept.Error.Split('\n').Where(l => l.StartsWith("trial ")).ToList();
        Assert.Equal(3, progress.Count);
        Assert.Contains("(preset)", progress[0]);
        Assert.Contains("network=TwoBlock reverseComplement=no", progress[0]);
        Assert.Contains("network=TwoBlock reverseComplement=yes", progress[1]);
        Assert.Contains("network=Zou2019 reverseComplement=no", progress[2]);
        Assert.Equal(2, swept.Error.Split('\n').Count(l => l.StartsWith("refit epoch 1/")));

        string fresh = cli.WriteMotifTsv("fresh.tsv", 200, seed: 9);
        var evaluated = cli.Run("evaluate", "--model", model, "--data", fresh, "--json");
        Assert.True(evaluated.Exit == 0, evaluated.Error);
        var motifs = cli.Run("motifs", "--model", model, "--data", fresh, "--out", cli.PathOf("m.meme"));
        Assert.Equal(1, motifs.Exit);
        Assert.Contains("ensemble", motifs.Error);
    }

    [Fact]
    public void Slices_of_a_fixed_candidate_sweep_run_apart_and_a_merge_ranks_them_and_refits_the_winner()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("motif.tsv", 300, seed: 6), model = cli.PathOf("merged.zip");
        string[] Part(int i) => ["sweep", "--data", data, "--candidates", "4", "--slice", $"{i}/2", "--max-epochs", "1", "--no-warm-start",
            "--leaderboard", cli.PathOf($"part{i}.csv"), .. Space];
        foreach (int i in new[] { 1, 2 })
        {
            var part = cli.Run(Part(i));
            Assert.True(part.Exit == 0, part.Error);
            Assert.Contains("stopped: every candidate of the slice was evaluated", part.Output);
            Assert.Equal(3, File.ReadAllLines(cli.PathOf($"part{i}.csv")).Length);
        }
        var merged = cli.Run("sweep", "--merge", cli.PathOf("part1.csv"), cli.PathOf("part2.csv"), "--data", data, "--model", model);
        Assert.True(merged.Exit == 0, merged.Error);
        Assert.Contains("merged leaderboard of 2 file(s) (auc):", merged.Output);
        Assert.Contains("binary metrics on", merged.Output);
        Assert.True(File.Exists(model));
    }

    [Theory]
    [InlineData("--time-limit", "ten", "--time-limit 'ten' is not a duration")]
    [InlineData("--folds", "1", "--folds must be 0 (one validation split) or at least 2")]
    [InlineData("--trials", "0", "--trials must be at least 1")]
    [InlineData("--filters", "0", "--filters contains 0; every value must be at least 1")]
    [InlineData("--pools", "median", "--pools 'median' is not one of: max, average, none.")]
    [InlineData("--learning-rates", "0.1", "--learning-rates takes two values, MIN and MAX")]
    [InlineData("--metric", "rmse", "--metric: Unknown metric 'rmse' for a binary sweep")]
    [InlineData("--time-limit", "90", "--time-limit '90' is not a duration: write e.g. 90s, 10m, 1h30m or 00:10:00 (a number needs a unit)")]
    [InlineData("--test-fraction", "1", "--test-fraction must be at least 0 and below 1")]
    [InlineData("--slice", "3/2", "--slice must be I/N with 1 ≤ I ≤ N")]
    [InlineData("--slice", "1/2", "--slice needs --candidates")]
    [InlineData("--proposer", "grid", "--proposer 'grid' is not one of: tpe, random.")]
    [InlineData("--ensemble", "0", "--ensemble must be at least 1")]
    public void Bad_sweep_options_are_one_line_errors_that_name_the_option(string option, string value, string message)
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("motif.tsv", 100, seed: 1);
        var run = cli.Run("sweep", "--data", data, "--model", cli.PathOf("m.zip"), option, value);
        Assert.Equal(1, run.Exit);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(cli.PathOf("m.zip")));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("2m30s", 150)]
    [InlineData("00:10:00", 600)]
    public void Durations_read_as_people_write_them(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text, "--time-limit"));

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("5 minutes")]
    [InlineData("90")]
    [InlineData("999999999999h")]
    public void Durations_that_are_not_positive_are_refused(string text) =>
        Assert.Throws<ArgumentException>(() => Durations.Parse(text, "--time-limit"));
}
