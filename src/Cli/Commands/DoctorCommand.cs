using System.CommandLine;
using System.Text.Json;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet doctor</c>: checks that TorchSharp's native code loads here and says why not,
/// including the state of the libstdc++ patch. Exit code 0 when it loads, 1 when it does not.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("doctor", "Check the TorchSharp installation: versions, native loading, libstdc++ patch, devices.") { json };
        command.SetAction(parse => CliErrors.Run(console, () => Run(console.Output, parse.GetValue(json))));
        return command;
    }

    private static int Run(TextWriter output, bool json)
    {
        var report = TorchRuntimeReport.Collect();
        if (json) output.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
        else WriteText(output, report);
        return report.Loaded ? 0 : 1;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static void WriteText(TextWriter output, TorchRuntimeReport report)
    {
        output.WriteLine($"Platform:            {TorchRuntimeReport.Platform}");
        output.WriteLine($"TorchSharp:          {report.TorchSharpVersion} (built for libtorch {report.ExpectedLibTorchVersion})");
        output.WriteLine($"System libstdc++:    {report.SystemLibStdCxx ?? "not found"}");
        output.WriteLine($"libLibTorchSharp:    {report.LibraryPath ?? "not found next to the application"}");
        if (report.PatchState != null) output.WriteLine($"libstdc++ patch:     {report.PatchState} ({report.PatchDetail})");
        if (report.Loaded)
        {
            output.WriteLine("Native load:         OK");
            output.WriteLine($"CUDA devices:        {report.CudaDeviceCount}");
            output.WriteLine($"Intra-op threads:    {report.IntraOpThreads}");
        }
        else
        {
            output.WriteLine("Native load:         FAILED");
            output.WriteLine(report.LoadError);
        }
    }
}
