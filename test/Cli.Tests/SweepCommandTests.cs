using System.Text.Json;
using Cnn.MLNet.Cli.Commands;
using Cnn.MLNet.Pipelines.Simulation;

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
        var swept = cli.Run(["sweep", "--data", data, "--trials", "4", "--min-epochs", "2", "--max-epochs", "6", "--time-limit", "5m", "--seed", "2", "--model", model, .. Space]);
        Assert.True(swept.Exit == 0, swept.Error);

        // One progress line per evaluation: 4 trials for 2 epochs, then the best of them for 6.
        var progress = swept.Error.Split('\n').Where(l => l.StartsWith("rung ")).ToList();
        Assert.Equal(5, progress.Count);
        Assert.Equal(4, progress.Count(l => l.StartsWith("rung 1/2 ") && l.Contains("2 epochs): auc ")));
        Assert.Single(progress, l => l.StartsWith("rung 2/2 ") && l.Contains("6 epochs): auc "));
        Assert.Contains("refit epoch 1/", swept.Error);

        Assert.Contains("leaderboard (auc on the validation split):", swept.Output);
        Assert.Contains("rank  trial  rung  epochs     auc", swept.Output);
        Assert.Contains("binary metrics on", swept.Output);
        // The motif is 12 bases: the winner scans with 12-wide filters (one such filter is enough for one motif).
        Assert.Matches(@"bestOptions: filters=\d+ kernelSize=12 ", swept.Output);

        string csvPath = cli.PathOf("best.leaderboard.csv");
        var csv = File.ReadAllLines(csvPath);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("rank,trial,status,rung,epochs,", csv[0]);
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
            "--model", model, "--leaderboard", board, "--json", .. Space]);
        Assert.True(swept.Exit == 0, swept.Error);
        using var json = JsonDocument.Parse(swept.Output);
        var root = json.RootElement;
        Assert.Equal("binary", root.GetProperty("task").GetString());
        Assert.InRange(root.GetProperty("rows").GetInt64(), 60, 100); // ML.NET's 20% split is approximate
        Assert.Equal(board, root.GetProperty("leaderboard").GetString());
        Assert.InRange(root.GetProperty("validationAccuracy").GetDouble(), 0, 1);
        Assert.Equal(2, root.GetProperty("trials").GetInt32());
        Assert.False(root.GetProperty("timeLimitReached").GetBoolean());
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
            "--max-epochs", "2", "--batch-sizes", "16", "--model", model, "--json");
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

    [Theory]
    [InlineData("--time-limit", "ten", "--time-limit 'ten' is not a duration")]
    [InlineData("--folds", "1", "--folds must be 0 (one validation split) or at least 2")]
    [InlineData("--trials", "0", "--trials must be at least 1")]
    [InlineData("--filters", "0", "--filters contains 0; every value must be at least 1")]
    [InlineData("--pools", "median", "--pools 'median' is not max, average or none")]
    [InlineData("--learning-rates", "0.1", "--learning-rates takes two values, MIN and MAX")]
    [InlineData("--metric", "rmse", "--metric: Unknown metric 'rmse' for a binary sweep")]
    [InlineData("--time-limit", "90", "--time-limit '90' is not a duration: write e.g. 90s, 10m, 1h30m or 00:10:00 (a number needs a unit)")]
    [InlineData("--test-fraction", "1", "--test-fraction must be at least 0 and below 1")]
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
