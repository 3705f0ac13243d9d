using System.CommandLine;
using Cnn.MLNet.Cli.Commands;

namespace Cnn.MLNet.Cli;

/// <summary>The <c>cnn-mlnet</c> command tree. Output writers are parameters so tests can run it in-process.</summary>
internal static class CliApp
{
    public static RootCommand Build(TextWriter output)
    {
        var root = new RootCommand("cnn-mlnet: convolutional neural networks for sequences and images in ML.NET pipelines.");
        root.Subcommands.Add(DoctorCommand.Create(output));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var config = new InvocationConfiguration { Output = output, Error = error };
        return Build(output).Parse(args).Invoke(config);
    }
}
