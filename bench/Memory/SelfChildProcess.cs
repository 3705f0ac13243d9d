using System.Diagnostics;

namespace Cnn.MLNet.Benchmarks.Memory;

/// <summary>
/// Runs this benchmark executable again as a child, so that a measurement's peak resident memory
/// (<c>VmHWM</c>) is its own. The child prints one result line of <c>key=value</c> pairs after a
/// prefix; its other output is echoed as <c>//   child: …</c>. The child inherits the environment
/// (OMP_NUM_THREADS, CNN_MLNET_DEFAULT_MALLOC).
/// </summary>
internal static class SelfChildProcess
{
    /// <summary>Runs the child; its result's pairs, or null with <paramref name="error"/> when it failed or printed none.</summary>
    public static Dictionary<string, string>? Run(IEnumerable<string> arguments, string resultPrefix, out string error)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(SelfChildProcess).Assembly.Location);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child.");
        var stderr = process.StandardError.ReadToEndAsync();
        string? result = null;
        while (process.StandardOutput.ReadLine() is { } output)
        {
            if (output.StartsWith(resultPrefix, StringComparison.Ordinal)) result = output[resultPrefix.Length..];
            else Console.WriteLine("//   child: " + output);
        }
        process.WaitForExit();
        error = $"exit code {process.ExitCode}; {stderr.Result}";
        if (process.ExitCode != 0 || result is null) return null;
        return result.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
    }
}
