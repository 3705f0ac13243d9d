using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cnn.MLNet.Cli.Tests;

/// <summary>Programs run in their own process, so that a test can watch their output as it comes and kill them.</summary>
internal static class ChildProcess
{
    /// <summary>Starts <paramref name="program"/>; its standard output and error lines are collected in <paramref name="lines"/> as they come.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, out ConcurrentQueue<string> lines, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory != null) start.WorkingDirectory = workingDirectory;
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var collected = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) collected.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) collected.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lines = collected;
        return process;
    }

    /// <summary>This build's command line (<c>dotnet exec cnn-mlnet.dll</c>) in its own process.</summary>
    public static Process StartCli(IEnumerable<string> arguments, out ConcurrentQueue<string> lines, string? workingDirectory = null) =>
        Start("dotnet", ["exec", typeof(CliApp).Assembly.Location, .. arguments], out lines, workingDirectory);
}
