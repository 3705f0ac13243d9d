using System.Globalization;
using Cnn.MLNet.Pipelines;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>
/// The CLI half of the bad-input matrix (docs/BAD-INPUT-MATRIX.md) that BadInputCliTests and
/// ImageCommandTests do not already prove: a non-zero exit, exactly one "error:" line naming what
/// and where (file, line, column, row, option, layer), never a stack trace.
/// </summary>
public class BadInputMatrixCliTests
{
    private static string OneErrorLine((int Exit, string Output, string Error) result)
    {
        Assert.NotEqual(0, result.Exit);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error:"));
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        return error;
    }

    /// <summary>A TSV with the given rows after the header; labels by index.</summary>
    private static string WriteTsv(CliRunner cli, string name, int rows, Func<int, string> label, Func<int, int>? length = null, int seed = 1)
    {
        var random = new Random(seed);
        var lines = new List<string> { "Id\tSequence\tLabel" };
        for (int i = 0; i < rows; i++)
            lines.Add($"r{i}\t{new string(Enumerable.Range(0, length?.Invoke(i) ?? 40).Select(_ => "ACGT"[random.Next(4)]).ToArray())}\t{label(i)}");
        File.WriteAllLines(cli.PathOf(name), lines);
        return cli.PathOf(name);
    }

    private static string Shapes(CliRunner cli, string name, int perClass, int seed)
    {
        ShapeImageSimulator.WriteFolders(cli.PathOf(name), perClass, new ShapeImageOptions { Width = 16, Height = 16, Seed = seed });
        return cli.PathOf(name);
    }

    // 1. Empty dataset

    [Fact]
    public void A_header_only_file_names_the_column_and_says_there_are_no_rows()
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "empty.tsv", 0, _ => "0");

        var error = OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--epochs", "1"));

        Assert.Contains("column 'Sequence'", error);
        Assert.Contains("no rows", error);
        Assert.False(File.Exists(cli.PathOf("m.zip")));
    }

    [Fact]
    public void An_image_folder_without_images_names_the_folder()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.PathOf("none"));

        var error = OneErrorLine(cli.Run("train", "--images", cli.PathOf("none"), "--model", cli.PathOf("m.zip"), "--epochs", "1"));

        Assert.Contains($"'{cli.PathOf("none")}' has no class sub-folders with images", error);
    }

    // 2. One class only

    [Fact]
    public void Multiclass_data_of_one_class_names_the_class()
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "one.tsv", 60, _ => "plain");

        var error = OneErrorLine(cli.Run("train", "--data", data, "--task", "multiclass", "--model", cli.PathOf("m.zip"), "--epochs", "1"));

        Assert.Contains("needs at least 2 classes (the label's key type has 1: 'plain')", error);
    }

    [Fact]
    public void Binary_data_of_one_label_is_an_error()
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "zeros.tsv", 60, _ => "0");

        var error = OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--epochs", "1", "--batch-size", "8"));

        // Caught after the first epoch, before evaluation.
        Assert.Contains("label column 'Label' is false in all", error);
        Assert.Contains("needs examples of both classes", error);
        Assert.False(File.Exists(cli.PathOf("m.zip")));
    }

    [Fact]
    public void An_image_folder_of_one_class_names_the_folder_and_the_class()
    {
        using var cli = new CliRunner();
        string train = Shapes(cli, "one", 3, seed: 1);
        Directory.Delete(Path.Combine(train, "crosses"), recursive: true);
        Directory.Delete(Path.Combine(train, "rings"), recursive: true);

        var error = OneErrorLine(cli.Run("train", "--images", train, "--model", cli.PathOf("m.zip"), "--epochs", "1"));

        Assert.Contains($"'{train}' has 1 class sub-folder(s) with images (bars); training needs at least 2", error);
    }

    // 3. Labels outside the declared classes

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("yes")]
    public void A_binary_label_other_than_0_1_true_false_names_file_line_column_and_value(string bad)
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "d.tsv", 60, i => i == 9 ? bad : (i % 2).ToString(CultureInfo.InvariantCulture));

        var error = OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--epochs", "1"));

        Assert.Equal($"error: {data} line 11, column 'Label': '{bad}' is not a binary label (expected 0, 1, true or false).", error);
    }

    [Fact]
    public void Evaluating_images_of_a_class_the_model_never_saw_names_the_file_and_the_label()
    {
        using var cli = new CliRunner();
        string train = Shapes(cli, "train", 4, seed: 1), model = cli.PathOf("m.zip");
        var trained = cli.Run("train", "--images", train, "--image-size", "16x16", "--epochs", "1", "--batch-size", "4", "--test-fraction", "0.2", "--model", model);
        Assert.True(trained.Exit == 0, trained.Error);
        string test = Shapes(cli, "test", 2, seed: 2);
        Directory.Move(Path.Combine(test, "rings"), Path.Combine(test, "stars"));

        var error = OneErrorLine(cli.Run("evaluate", "--model", model, "--images", test));

        Assert.Contains($"image '{Path.Combine(test, "stars", "rings_0001.png")}' (row 4, 0-based) has the label 'stars', which is not one of the model's classes (bars, crosses, rings)", error);
    }

    [Fact]
    public void Evaluating_sequences_of_a_class_the_model_never_saw_names_the_file_and_the_label()
    {
        using var cli = new CliRunner();
        string train = WriteTsv(cli, "train.tsv", 60, i => i % 2 == 0 ? "a" : "b"), model = cli.PathOf("m.zip");
        Assert.Equal(0, cli.Run("train", "--data", train, "--task", "multiclass", "--epochs", "1", "--model", model).Exit);
        string test = WriteTsv(cli, "test.tsv", 10, i => i == 3 ? "zzz" : "a", seed: 2);

        var error = OneErrorLine(cli.Run("evaluate", "--model", model, "--data", test));

        Assert.Contains("'zzz'", error);
        Assert.Contains("test.tsv", error);
    }

    // 4. NaN or infinite labels (features of the CLI are sequences: see illegal characters)

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-inf")]
    public void A_non_finite_regression_label_names_file_line_and_column(string bad)
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "r.tsv", 60, i => i == 7 ? bad : (i * 0.5).ToString(CultureInfo.InvariantCulture));

        var error = OneErrorLine(cli.Run("train", "--data", data, "--task", "regression", "--model", cli.PathOf("m.zip"), "--epochs", "1"));

        Assert.StartsWith($"error: {data} line 9, column 'Label': '{bad}'", error);
    }

    // 5. Sequences of mixed length without a length policy

    [Fact]
    public void Without_length_training_learns_the_longest_and_longer_sequences_are_truncated_when_scored()
    {
        using var cli = new CliRunner();
        string train = WriteTsv(cli, "mixed.tsv", 60, i => (i % 2).ToString(CultureInfo.InvariantCulture), i => 20 + i % 21), model = cli.PathOf("m.zip");
        var trained = cli.Run("train", "--data", train, "--epochs", "1", "--batch-size", "8", "--model", model);
        Assert.True(trained.Exit == 0, trained.Error);

        // A 60-bp sequence scores exactly like its first 40 bases: the learned length is the model's window.
        const string prefix = "ACGTACGTACGTTTGACGTCAACGACCGAACTCCACGTAC";
        File.WriteAllLines(cli.PathOf("long.tsv"), ["Sequence", prefix + "GGGGGGGGGGGGGGGGGGGG", prefix]);
        var predicted = cli.Run("predict", "--model", model, "--data", cli.PathOf("long.tsv"), "--out", cli.PathOf("p.tsv"));
        Assert.True(predicted.Exit == 0, predicted.Error);
        var rows = File.ReadAllLines(cli.PathOf("p.tsv")).Skip(1).Select(l => l.Split('\t')[1..]).ToArray();
        Assert.Equal(rows[1], rows[0]);

        Assert.Contains("--length must be at least 1", OneErrorLine(cli.Run("train", "--data", train, "--length", "0", "--epochs", "1", "--model", cli.PathOf("m2.zip"))));
    }

    // 6. Illegal characters

    private static string WithIllegalCharacter(CliRunner cli, string name, int dataRow, int seed)
    {
        string data = WriteTsv(cli, name, 60, i => (i % 2).ToString(CultureInfo.InvariantCulture), seed: seed);
        var lines = File.ReadAllLines(data);
        var fields = lines[dataRow + 1].Split('\t');
        fields[1] = "ACG!" + fields[1][4..];
        lines[dataRow + 1] = string.Join('\t', fields);
        File.WriteAllLines(data, lines);
        return data;
    }

    [Fact]
    public void An_illegal_character_names_column_row_character_and_position()
    {
        using var cli = new CliRunner();
        string train = WriteTsv(cli, "train.tsv", 60, i => (i % 2).ToString(CultureInfo.InvariantCulture), seed: 3);
        string test = WithIllegalCharacter(cli, "test.tsv", dataRow: 2, seed: 4);

        var error = OneErrorLine(cli.Run("train", "--data", train, "--test-data", test, "--model", cli.PathOf("m.zip"), "--epochs", "1", "--batch-size", "8"));

        Assert.Contains("column 'Sequence', row 2 (0-based): illegal character '!' (U+0021) at position 3 (0-based)", error);
        Assert.False(File.Exists(cli.PathOf("m.zip")));
    }

    [Fact]
    public void An_illegal_character_in_a_split_file_names_its_row_in_the_file()
    {
        using var cli = new CliRunner();
        string data = WithIllegalCharacter(cli, "d.tsv", dataRow: 2, seed: 1);

        var error = OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--epochs", "1", "--batch-size", "8"));

        Assert.Contains("column 'Sequence', row 2 (0-based)", error);
    }

    // 7. Wrong column types

    [Fact]
    public void Class_names_as_regression_labels_name_file_line_and_column()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("classes.tsv", 60, 1, classes: true);

        var error = OneErrorLine(cli.Run("train", "--data", data, "--task", "regression", "--model", cli.PathOf("m.zip"), "--epochs", "1"));

        Assert.Matches(@"^error: .*classes\.tsv line 2, column 'Label': '(motif|plain)' is not a number", error);
    }

    [Fact]
    public void A_numeric_column_given_as_the_sequence_column_names_the_character()
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "d.tsv", 60, i => (i % 2).ToString(CultureInfo.InvariantCulture));

        var error = OneErrorLine(cli.Run("predict", "--model", TrainSmall(cli), "--data", data, "--sequence-column", "Label", "--out", cli.PathOf("p.tsv")));

        Assert.Contains("column 'Sequence'", error);
        Assert.Contains("row 0 (0-based)", error);
        Assert.Contains("'0'", error);
    }

    private static string TrainSmall(CliRunner cli)
    {
        string data = WriteTsv(cli, "train.tsv", 40, i => (i % 2).ToString(CultureInfo.InvariantCulture), seed: 5), model = cli.PathOf("small.zip");
        var trained = cli.Run("train", "--data", data, "--epochs", "1", "--batch-size", "8", "--model", model);
        Assert.True(trained.Exit == 0, trained.Error);
        return model;
    }

    // 8. Image files that are not images

    [Fact]
    public void A_text_file_named_png_is_named_when_predicting_and_evaluating()
    {
        using var cli = new CliRunner();
        string train = Shapes(cli, "train", 4, seed: 1), model = cli.PathOf("m.zip");
        Assert.Equal(0, cli.Run("train", "--images", train, "--image-size", "16x16", "--epochs", "1", "--batch-size", "4", "--model", model).Exit);
        string test = Shapes(cli, "test", 2, seed: 2);
        string text = Path.Combine(test, "crosses", "crosses_0002.png");
        File.WriteAllText(text, "not a picture");
        string expected = $"error: Cannot read image file '{text}': it is not an image SkiaSharp can decode (corrupt, truncated, empty, or an unsupported format).";

        Assert.Equal(expected, OneErrorLine(cli.Run("predict", "--model", model, "--images", test, "--out", cli.PathOf("p.tsv"))));
        Assert.Equal(expected, OneErrorLine(cli.Run("evaluate", "--model", model, "--images", test)));
    }

    // 9. A batch size larger than the data

    [Fact]
    public void A_batch_larger_than_the_training_rows_names_both_counts_and_the_option()
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "d.tsv", 50, i => (i % 2).ToString(CultureInfo.InvariantCulture));

        var error = OneErrorLine(cli.Run("train", "--data", data, "--batch-size", "500", "--epochs", "1", "--model", cli.PathOf("m.zip")));

        Assert.Matches(@"the training data has \d+ rows, fewer than one batch \(BatchSize = 500\); lower BatchSize or add data", error);
        Assert.Contains("--batch-size must be at least 1 (was 0)", OneErrorLine(cli.Run("train", "--data", data, "--batch-size", "0", "--model", cli.PathOf("m.zip"))));
    }

    // 10. Zero epochs

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void Zero_or_negative_epochs_name_the_option(string epochs)
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "d.tsv", 50, i => (i % 2).ToString(CultureInfo.InvariantCulture));

        var error = OneErrorLine(cli.Run("train", "--data", data, "--epochs", epochs, "--model", cli.PathOf("m.zip")));

        Assert.Equal($"error: --epochs must be at least 1 (was {epochs}).", error);
    }

    // 11. An impossible network shape

    [Fact]
    public void A_preset_too_deep_for_the_sequence_length_names_the_network_layer_and_sizes()
    {
        using var cli = new CliRunner();
        string data = WriteTsv(cli, "d.tsv", 50, i => (i % 2).ToString(CultureInfo.InvariantCulture));

        var error = OneErrorLine(cli.Run("train", "--data", data, "--preset", "Basset", "--epochs", "1", "--model", cli.PathOf("m.zip")));

        Assert.Equal("error: Network 'Basset', layer conv2: (kernel 11, dilation 1) spans 11 positions but its input has only 7.", error);
        Assert.Contains("Network 'DeepBind', layer conv1: (kernel 24, dilation 1) spans 24 positions but its input has only 10",
            OneErrorLine(cli.Run("train", "--data", data, "--preset", "DeepBind", "--length", "10", "--epochs", "1", "--model", cli.PathOf("m.zip"))));
    }
}
