using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>
/// How cnn-mlnet fails: option rules and fixed choices are parse errors (one <c>error:</c> line, exit 1,
/// before any file is read); user mistakes found later are one line too; anything else is reported as a
/// bug with its first stack frames and exit code 70.
/// </summary>
public class CliErrorsTests
{
    private static string OneErrorLine((int Exit, string Output, string Error) result)
    {
        Assert.Equal(CliErrors.UserError, result.Exit);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        return line.TrimEnd('\r');
    }

    [Fact]
    public void Options_that_exclude_each_other_are_a_parse_error_before_any_file_is_read()
    {
        using var cli = new CliRunner();
        var error = OneErrorLine(cli.Run("train", "--data", cli.PathOf("never-read.tsv"), "--test-data", cli.PathOf("also-never.tsv"),
            "--test-fraction", "0.3", "--model", cli.PathOf("m.zip")));
        Assert.Equal("error: Give --test-fraction or --test-data, not both.", error);
    }

    [Theory]
    [InlineData("--test-fraction", "1.5", "error: --test-fraction must be above 0 and below 1 (was 1.5).")]
    [InlineData("--validation-fraction", "-0.1", "error: --validation-fraction must be at least 0 and below 1 (was -0.1).")]
    [InlineData("--learning-rate", "0", "error: --learning-rate must be a positive number (was 0).")]
    [InlineData("--threads", "0", "error: --threads must be at least 1 (was 0).")]
    public void A_value_out_of_range_names_the_option_the_range_and_the_value(string option, string value, string expected)
    {
        using var cli = new CliRunner();
        Assert.Equal(expected, OneErrorLine(cli.Run("train", "--data", cli.PathOf("never-read.tsv"), "--model", cli.PathOf("m.zip"), option, value)));
    }

    [Fact]
    public void An_option_that_needs_another_names_both()
    {
        using var cli = new CliRunner();
        Assert.Equal("error: --plot-limit needs --plot.",
            OneErrorLine(cli.Run("saliency", "--model", cli.PathOf("m.zip"), "--data", cli.PathOf("d.tsv"), "--out", cli.PathOf("s.tsv"), "--plot-limit", "3")));
    }

    [Fact]
    public void A_value_outside_a_fixed_choice_lists_the_valid_ones_and_help_shows_them()
    {
        using var cli = new CliRunner();
        Assert.Equal("error: --negatives 'random' is not one of: shuffle, gc-matched.",
            OneErrorLine(cli.Run("train", "--bed", cli.PathOf("p.bed"), "--genome", cli.PathOf("g.fa"), "--negatives", "random", "--model", cli.PathOf("m.zip"))));
        Assert.Equal("error: --method 'magic' is not one of: saliency, ism, deeplift, ig.",
            OneErrorLine(cli.Run("saliency", "--model", cli.PathOf("m.zip"), "--data", cli.PathOf("d.tsv"), "--out", cli.PathOf("s.tsv"), "--method", "magic")));

        var help = cli.Run("train", "--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("--task <binary|multiclass|regression>", help.Output);
        Assert.Contains("--negatives <shuffle|gc-matched>", help.Output);
    }

    [Fact]
    public void Choices_are_case_insensitive()
    {
        var parse = CliApp.Build(TextWriter.Null, TextWriter.Null).Parse(["train", "--data", "d.tsv", "--model", "m.zip", "--task", "Multiclass", "--preset", "lenet5"]);
        Assert.Empty(parse.Errors);
        Assert.Equal("LeNet5", parse.GetValue<string?>("--preset"));
    }

    [Fact]
    public void Fasta_stays_an_alias_of_genome()
    {
        var root = CliApp.Build(TextWriter.Null, TextWriter.Null);
        var scan = root.Parse(["scan", "--model", "m.zip", "--fasta", "old.fa", "--out", "o.bedGraph"]);
        Assert.Empty(scan.Errors);
        Assert.Equal("old.fa", scan.GetValue<FileInfo?>("--genome")?.Name);
        var train = root.Parse(["train", "--bed", "p.bed", "--fasta", "g.fa", "--model", "m.zip"]);
        Assert.Empty(train.Errors);
        Assert.Equal("g.fa", train.GetValue<FileInfo?>("--genome")?.Name);
    }

    [Fact]
    public void An_unexpected_exception_is_reported_as_a_bug_with_its_first_frames()
    {
        var error = new StringWriter();
        int exit = CliErrors.Run(new CliConsole(TextWriter.Null, error), () => Fail(new InvalidOperationException("the cache went\nmissing")));

        Assert.Equal(CliErrors.InternalError, exit);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("internal error: System.InvalidOperationException: the cache went missing", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("   at ") && l.Contains(nameof(Fail)));
        Assert.True(lines.Count(l => l.StartsWith("   at ")) <= CliErrors.BugFrames);
        Assert.Equal(CliErrors.BugHint, lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("error:"));
    }

    [Fact]
    public void A_library_refusal_of_the_users_input_is_one_error_line()
    {
        var error = new StringWriter();
        int exit = CliErrors.Run(new CliConsole(TextWriter.Null, error),
            () => CliErrors.UserInput(() => Fail(new ArgumentException("column 'Sequence', row 3: illegal character"))));

        Assert.Equal(CliErrors.UserError, exit);
        Assert.Equal("error: column 'Sequence', row 3: illegal character", error.ToString().Trim());
    }

    [Fact]
    public void File_and_format_errors_are_user_errors_and_a_null_argument_is_a_bug()
    {
        foreach (var e in new Exception[] { new FileNotFoundException("no file", "x.tsv"), new InvalidDataException("bad"), new FormatException("bad"), new UnauthorizedAccessException("no") })
            Assert.Equal(CliErrors.UserError, CliErrors.Run(new CliConsole(TextWriter.Null, TextWriter.Null), () => Fail(e)));
        Assert.Equal(CliErrors.InternalError,
            CliErrors.Run(new CliConsole(TextWriter.Null, TextWriter.Null), () => CliErrors.UserInput(() => Fail(new ArgumentNullException("model")))));
    }

    [Fact]
    public void Every_command_and_option_has_a_description()
    {
        var root = CliApp.Build(TextWriter.Null, TextWriter.Null);
        foreach (var command in root.Subcommands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), command.Name);
            foreach (var option in command.Options)
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{command.Name} {option.Name}");
        }
    }

    private static int Fail(Exception e) => throw e;
}
