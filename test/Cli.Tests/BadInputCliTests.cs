namespace Cnn.MLNet.Cli.Tests;

/// <summary>Each user mistake: exit code 1 and exactly one line naming what and where, never a stack trace.</summary>
public class BadInputCliTests
{
    private static string OneErrorLine((int Exit, string Output, string Error) result)
    {
        Assert.Equal(1, result.Exit);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error: "));
        Assert.DoesNotContain("   at ", result.Error);
        return error;
    }

    [Fact]
    public void Missing_data_file()
    {
        using var cli = new CliRunner();
        var error = OneErrorLine(cli.Run("train", "--data", cli.PathOf("nope.tsv"), "--model", cli.PathOf("m.zip")));
        Assert.Contains("nope.tsv", error);
    }

    [Fact]
    public void Missing_column_names_the_file_and_lists_the_columns()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("d.tsv", 50, 1);
        var error = OneErrorLine(cli.Run("train", "--data", data, "--label-column", "Bound", "--model", cli.PathOf("m.zip")));
        Assert.Contains("d.tsv", error);
        Assert.Contains("'Bound'", error);
        Assert.Contains("Sequence", error);
    }

    [Fact]
    public void Unparsable_label_names_file_line_and_column()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("d.tsv", 80, 1);
        var lines = File.ReadAllLines(data);
        lines[5] = lines[5][..lines[5].LastIndexOf('\t')] + "\tmaybe";
        File.WriteAllLines(data, lines);

        var error = OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--epochs", "1"));
        Assert.Contains("d.tsv line 6", error);
        Assert.Contains("'Label'", error);
        Assert.Contains("'maybe'", error);
    }

    [Fact]
    public void A_sequence_the_encoder_rejects_names_column_row_and_character()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("d.tsv", 80, 1);
        var lines = File.ReadAllLines(data);
        var fields = lines[3].Split('\t');
        fields[1] = "ACGTZ" + fields[1][5..];
        lines[3] = string.Join('\t', fields);
        File.WriteAllLines(data, lines);

        var error = OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--epochs", "1", "--test-fraction", "0.1"));
        Assert.Contains("'Sequence'", error);
        Assert.Contains("'Z'", error);
    }

    [Fact]
    public void Fewer_rows_than_a_batch()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("small.tsv", 20, 1);
        var error = OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--epochs", "1"));
        Assert.Contains("fewer than one batch", error);
    }

    [Fact]
    public void Unknown_preset_and_task_are_named()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("d.tsv", 50, 1);
        Assert.Contains("--preset 'Huge' is not one of: TwoBlock, Zou2019", OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--preset", "Huge")));
        Assert.Equal("error: --task 'ranking' is not one of: binary, multiclass, regression.",
            OneErrorLine(cli.Run("train", "--data", data, "--model", cli.PathOf("m.zip"), "--task", "ranking")));
    }

    [Fact]
    public void A_file_that_is_not_a_model()
    {
        using var cli = new CliRunner();
        string data = cli.WriteMotifTsv("d.tsv", 50, 1);
        var error = OneErrorLine(cli.Run("evaluate", "--model", data, "--data", data));
        Assert.Contains("d.tsv", error);
    }
}
