using System.CommandLine;
using System.Globalization;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// What every <c>merge</c> subcommand shares: <c>--out FILE</c> and the part files in order, their
/// checks (at least one part, each present, none the output), and the atomic write of the merged
/// file (a failure, such as parts that do not fit together, leaves no output and keeps an old one).
/// </summary>
internal sealed class MergeParts
{
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The merged file to write.", Required = true };
    private readonly Argument<FileInfo[]> _parts = new("parts") { HelpName = "PART", Description = "The part files, in order.", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>A subcommand <paramref name="name"/> whose action merges the parts with <paramref name="merge"/> (parts in order, the output stream).</summary>
    public static Command Command(CliConsole console, string name, string description, Action<IReadOnlyList<string>, MergeOutput> merge) =>
        new MergeParts().Build(console, name, description, merge);

    private Command Build(CliConsole console, string name, string description, Action<IReadOnlyList<string>, MergeOutput> merge)
    {
        var command = new Command(name, description) { _output, _parts };
        command.Validators.Add(result =>
        {
            if (result.GetResult(_parts) is not { Tokens.Count: > 0 })
                result.AddError($"merge {name} needs the part files to join: give them after the options, in order.");
        });
        command.SetAction(parse => CliErrors.Run(console, () => Run(console, parse, merge)));
        return command;
    }

    private int Run(CliConsole console, ParseResult parse, Action<IReadOnlyList<string>, MergeOutput> merge)
    {
        string output = parse.GetValue(_output)!.FullName;
        var parts = parse.GetValue(_parts)!.Select(p => p.FullName).ToList();
        CheckParts(parts, output);
        long lines = 0;
        AtomicFile.Write(output, stream =>
        {
            // Not disposed: that would close the atomic file's stream before it is flushed to disk.
            var buffered = new BufferedStream(stream, 1 << 20);
            var merged = new MergeOutput(buffered);
            merge(parts, merged);
            buffered.Flush();
            lines = merged.Lines;
        });
        console.Status($"wrote {output}");
        console.Line(string.Create(CultureInfo.InvariantCulture, $"merged {parts.Count} part(s): {lines:N0} lines"));
        return 0;
    }

    /// <summary>Every part exists and none is the output (full paths).</summary>
    /// <exception cref="CliUserException">A part is missing, or is the output.</exception>
    public static void CheckParts(IReadOnlyList<string> parts, string output)
    {
        for (int i = 0; i < parts.Count; i++)
        {
            if (!File.Exists(parts[i]))
                throw new CliUserException($"The part file '{parts[i]}' does not exist.");
            if (string.Equals(parts[i], output, StringComparison.Ordinal))
                throw new CliUserException($"--out '{output}' is also part {i + 1}; write the merged file elsewhere.");
        }
    }
}
