using System.Text.Json;
using Cnn.MLNet.Pipelines;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>train, evaluate and predict with --images: folders of simulated shape images (bars, crosses, rings).</summary>
public class ImageCommandTests
{
    private static readonly string[] Classes = ["bars", "crosses", "rings"];

    private static string Shapes(CliRunner cli, string name, int perClass, int seed)
    {
        ShapeImageSimulator.WriteFolders(cli.PathOf(name), perClass, new ShapeImageOptions { Width = 28, Height = 28, Seed = seed });
        return cli.PathOf(name);
    }

    private static string OneErrorLine((int Exit, string Output, string Error) result)
    {
        Assert.Equal(1, result.Exit);
        var error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: "));
        Assert.DoesNotContain("   at ", result.Error);
        return error;
    }

    [Fact]
    public void Train_then_evaluate_then_predict_on_image_folders()
    {
        using var cli = new CliRunner();
        string train = Shapes(cli, "train", 40, seed: 1), test = Shapes(cli, "test", 10, seed: 2), model = cli.PathOf("images.zip");

        var trained = cli.Run("train", "--images", train, "--test-images", test, "--image-size", "20x20", "--epochs", "4",
            "--batch-size", "16", "--learning-rate", "0.003", "--augment", "--model", model, "--json");
        Assert.True(trained.Exit == 0, trained.Error);
        using var trainJson = JsonDocument.Parse(trained.Output);
        Assert.Equal("multiclass", trainJson.RootElement.GetProperty("task").GetString());
        Assert.Equal(30, trainJson.RootElement.GetProperty("rows").GetInt64());
        double accuracy = trainJson.RootElement.GetProperty("microAccuracy").GetDouble();
        foreach (var name in new[] { "macroAccuracy", "logLoss" }) Assert.True(trainJson.RootElement.TryGetProperty(name, out _), name);
        Assert.Contains("epoch 4/4", trained.Error);

        var evaluated = cli.Run("evaluate", "--model", model, "--images", test, "--json");
        Assert.True(evaluated.Exit == 0, evaluated.Error);
        using var evalJson = JsonDocument.Parse(evaluated.Output);
        Assert.Equal(accuracy, evalJson.RootElement.GetProperty("microAccuracy").GetDouble()); // size and colour come from the saved model
        Assert.Contains("multiclass metrics on 30 held-out rows", cli.Run("evaluate", "--model", model, "--images", test, "--image-size", "20x20").Output);

        string predictions = cli.PathOf("predictions.tsv");
        var predicted = cli.Run("predict", "--model", model, "--images", test, "--out", predictions);
        Assert.True(predicted.Exit == 0, predicted.Error);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal(31, lines.Length);
        Assert.Equal(["ImagePath", "Label", "Score.0", "Score.1", "Score.2", "PredictedLabel", "PredictedClass"], lines[0].Split('\t'));
        var first = lines[1].Split('\t');
        Assert.Equal((Path.Combine(test, "bars", "bars_0001.png"), "bars"), (first[0], first[1]));
        Assert.All(lines.Skip(1), l => Assert.Contains(l.Split('\t')[6], Classes));
        Assert.All(lines.Skip(1), l => Assert.Equal(1, l.Split('\t')[2..5].Sum(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)), 4));

        // Unlabelled: images directly in the folder.
        string loose = cli.PathOf("loose");
        Directory.CreateDirectory(loose);
        File.Copy(Path.Combine(test, "rings", "rings_0001.png"), Path.Combine(loose, "a.png"));
        File.Copy(Path.Combine(test, "bars", "bars_0002.png"), Path.Combine(loose, "b.png"));
        Assert.Equal(0, cli.Run("predict", "--model", model, "--images", loose, "--out", predictions).Exit);
        var looseLines = File.ReadAllLines(predictions);
        Assert.Equal(3, looseLines.Length);
        Assert.Equal(["ImagePath", "Score.0", "Score.1", "Score.2", "PredictedLabel", "PredictedClass"], looseLines[0].Split('\t')); // no classes, no Label column
        Assert.Equal(Path.Combine(loose, "a.png"), looseLines[1].Split('\t')[0]);

        // The model's own size and colour win; disagreeing options, or sequence data, are errors.
        Assert.Contains("--image-size 32x32 disagrees with the model, which takes 20x20 images", OneErrorLine(cli.Run("evaluate", "--model", model, "--images", test, "--image-size", "32x32")));
        Assert.Contains("--grayscale disagrees with the model, which takes RGB images", OneErrorLine(cli.Run("predict", "--model", model, "--images", test, "--grayscale", "--out", predictions)));
        string sequences = cli.WriteMotifTsv("s.tsv", 10, seed: 1);
        Assert.Contains("was trained on images: give it --images DIR", OneErrorLine(cli.Run("evaluate", "--model", model, "--data", sequences)));
    }

    [Fact]
    public void Grayscale_training_with_a_test_fraction_and_validation()
    {
        using var cli = new CliRunner();
        string train = Shapes(cli, "train", 20, seed: 3), model = cli.PathOf("gray.zip");

        var trained = cli.Run("train", "--images", train, "--grayscale", "--image-size", "16x16", "--epochs", "2", "--batch-size", "8",
            "--validation-fraction", "0.2", "--model", model);

        Assert.True(trained.Exit == 0, trained.Error);
        Assert.Contains("multiclass metrics on", trained.Output);
        Assert.Contains("microAccuracy", trained.Output);
        Assert.Contains("validation loss", trained.Error);
        Assert.Contains("--image-size 32x32 disagrees", OneErrorLine(cli.Run("evaluate", "--model", model, "--images", train, "--image-size", "32x32")));
        Assert.Equal(0, cli.Run("evaluate", "--model", model, "--images", train, "--grayscale").Exit);
    }

    [Theory]
    [InlineData("32")]
    [InlineData("0x5")]
    [InlineData("axb")]
    [InlineData("32x")]
    [InlineData("5000x32")]
    public void Malformed_image_size_is_one_error_line(string size)
    {
        using var cli = new CliRunner();
        var error = OneErrorLine(cli.Run("train", "--images", cli.PathOf("not-read-yet"), "--image-size", size, "--model", cli.PathOf("m.zip")));
        Assert.Equal($"error: --image-size must be WIDTHxHEIGHT in pixels, each 1 to 4096, e.g. 32x32 (was '{size}').", error);
    }

    [Fact]
    public void Exactly_one_of_data_and_images()
    {
        using var cli = new CliRunner();
        string sequences = cli.WriteMotifTsv("s.tsv", 10, seed: 1);
        Assert.Contains("Give --data (a sequence file) or --images (a folder of images), not both",
            OneErrorLine(cli.Run("train", "--data", sequences, "--images", cli.Folder, "--model", cli.PathOf("m.zip"))));
        Assert.Contains("Give --data FILE (sequences) or --images DIR", OneErrorLine(cli.Run("train", "--model", cli.PathOf("m.zip"))));
        Assert.Contains("Give --data FILE", OneErrorLine(cli.Run("predict", "--model", cli.PathOf("m.zip"), "--out", cli.PathOf("p.tsv"))));
        Assert.Contains("--image-size applies to images (--images), not to --data",
            OneErrorLine(cli.Run("train", "--data", sequences, "--image-size", "32x32", "--model", cli.PathOf("m.zip"))));
        Assert.Contains("--length applies to sequences (--data), not to --images",
            OneErrorLine(cli.Run("train", "--images", cli.Folder, "--length", "40", "--model", cli.PathOf("m.zip"))));
    }

    [Fact]
    public void Bad_image_folders_and_files_are_named()
    {
        using var cli = new CliRunner();
        string train = Shapes(cli, "train", 4, seed: 1);
        Directory.CreateDirectory(Path.Combine(train, "empty"));
        Assert.Contains("Class folder 'empty'", OneErrorLine(cli.Run("train", "--images", train, "--model", cli.PathOf("m.zip"))));
        Directory.Delete(Path.Combine(train, "empty"));

        string corrupt = Path.Combine(train, "rings", "rings_0002.png");
        File.WriteAllText(corrupt, "not a picture");
        var error = OneErrorLine(cli.Run("train", "--images", train, "--image-size", "16x16", "--batch-size", "4", "--epochs", "1", "--model", cli.PathOf("m.zip")));
        Assert.Equal($"error: Cannot read image file '{corrupt}': it is not an image SkiaSharp can decode (corrupt, truncated, empty, or an unsupported format).", error);
        Assert.False(File.Exists(cli.PathOf("m.zip")));

        Assert.Contains("does not exist", OneErrorLine(cli.Run("train", "--images", cli.PathOf("nowhere"), "--model", cli.PathOf("m.zip"))));
    }
}
