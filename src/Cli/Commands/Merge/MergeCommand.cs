using System.CommandLine;
using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli.Commands.Merge;

/// <summary>
/// <c>cnn-mlnet merge</c>: joins the outputs of a run split into independent jobs (scan shards and
/// region chunks, <c>predict --rows</c> parts, <c>variants --records</c> chunks, per-chromosome
/// bigWig predictions, fold models) into what one process would have written. One subcommand per
/// kind of output, each in its own file; a new kind is one more <c>Subcommands.Add</c> here.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("merge", "Join the outputs of sharded runs (scan, predict, variants, bigWig tracks, fold models) into what one process writes.");
        command.Subcommands.Add(MergeBedGraphCommand.Create(console));
        command.Subcommands.Add(MergeTsvCommand.Create(console));
        command.Subcommands.Add(MergeVcfCommand.Create(console));
        command.Subcommands.Add(MergeBigWigCommand.Create(console));
        command.Subcommands.Add(MergeEnsembleCommand.Create(console));
        return command;
    }
}
