using System.CommandLine;
using System.CommandLine.Invocation;
using Cnn.MLNet.Cli.Commands;
using Cnn.MLNet.Cli.Commands.Merge;
using Cnn.MLNet.Cli.Console;

namespace Cnn.MLNet.Cli;

/// <summary>The <c>cnn-mlnet</c> command tree. Output writers are parameters so tests can run it in-process.</summary>
internal static class CliApp
{
    /// <summary>
    /// TorchSharp's intra-op threads for any command. Default: TorchSharp's own (one per physical
    /// core). On a small or busy machine 1 is often faster and steadier (BENCHMARKS.md).
    /// </summary>
    public static Option<int?> Threads { get; } = new Option<int?>("--threads") { HelpName = "N", Description = "Intra-op threads for TorchSharp (default: training chooses from the network's size, one per 16 MFLOP of a step; scoring uses one per physical core).", Recursive = true }.AtLeast(1);

    /// <summary>
    /// The CUDA device every command of this run trains and scores on (ML.NET's <c>GpuDeviceId</c>, no
    /// fallback to the CPU). Default: the CPU. Needs a cnn-mlnet built with a TorchSharp CUDA package.
    /// </summary>
    public static Option<int?> Gpu { get; } = new Option<int?>("--gpu") { HelpName = "N", Description = "Train and score on CUDA device N (needs a build with TorchSharp-cuda; an error when TorchSharp sees no such device). Default: the CPU.", Recursive = true }.AtLeast(0);

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("cnn-mlnet: convolutional neural networks for sequences and images in ML.NET pipelines.") { Threads, Gpu };
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(SweepCommand.Create(console));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(MotifsCommand.Create(console));
        root.Subcommands.Add(FeaturizeCommand.Create(console));
        root.Subcommands.Add(AttributeCommand.Create(console));
        root.Subcommands.Add(ScanCommand.Create(console));
        root.Subcommands.Add(VariantsCommand.Create(console));
        root.Subcommands.Add(MergeCommand.Create(console));
        root.Subcommands.Add(ScanMotifsCommand.Create(console));
        root.Subcommands.Add(DiscoverMotifsCommand.Create(console));
        root.Subcommands.Add(ExportOnnxCommand.Create(console));
        root.Subcommands.Add(DoctorCommand.Create(console));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var config = new InvocationConfiguration { Output = output, Error = error };
        var parse = Build(output, error).Parse(args);
        if (parse.Action is ParseErrorAction && parse.CommandResult.Command is not RootCommand) return ReportParseErrors(parse, error);
        using var device = CliContext.UseGpu(parse.Errors.Count > 0 ? null : parse.GetValue(Gpu));
        if (parse.Errors.Count > 0 || parse.GetValue(Threads) is not int threads) return parse.Invoke(config);
        // Fixed for every training and scoring call of the command (process-wide in libtorch);
        // returned to automatic afterwards so in-process callers (tests) are unaffected.
        Trainers.IntraOpThreads.Fix(threads);
        try { return parse.Invoke(config); }
        finally { Trainers.IntraOpThreads.Fix(null); }
    }

    /// <summary>
    /// A command's parse errors (unknown or missing options, values that do not convert, broken validator
    /// rules), one <c>error:</c> line each, like the errors found later. Without a command (<c>cnn-mlnet</c>
    /// alone, a mistyped command) System.CommandLine's own report, with suggestions and help, is more use.
    /// </summary>
    private static int ReportParseErrors(ParseResult parse, TextWriter error)
    {
        foreach (var message in parse.Errors.Select(e => CliErrors.OneLine(e.Message)).Distinct())
            error.WriteLine("error: " + message);
        return CliErrors.UserError;
    }
}
