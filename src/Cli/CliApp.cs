using System.CommandLine;
using Cnn.MLNet.Cli.Commands;
using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli;

/// <summary>The <c>cnn-mlnet</c> command tree. Output writers are parameters so tests can run it in-process.</summary>
internal static class CliApp
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("cnn-mlnet: convolutional neural networks for sequences and images in ML.NET pipelines.");
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(MotifsCommand.Create(console));
        root.Subcommands.Add(FeaturizeCommand.Create(console));
        root.Subcommands.Add(SaliencyCommand.Create(console));
        root.Subcommands.Add(ScanCommand.Create(console));
        root.Subcommands.Add(DoctorCommand.Create(output));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var config = new InvocationConfiguration { Output = output, Error = error };
        return Build(output, error).Parse(args).Invoke(config);
    }
}
