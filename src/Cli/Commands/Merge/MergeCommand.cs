using System.CommandLine;
using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// <c>cnn-mlnet merge</c>: joins the outputs of independent jobs (a sharded workflow) into what one process would
/// have written. Only the parent; each kind of output is a subcommand in its own file.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("merge", "Merge the outputs of independent jobs into what one process would have written.");
        command.Subcommands.Add(MergeEnsembleCommand.Create(console));
        command.Subcommands.Add(MergeBigWigCommand.Create(console));
        return command;
    }
}
