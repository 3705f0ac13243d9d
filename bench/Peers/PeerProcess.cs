using System.Diagnostics;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// Starts one implementation in its own process, so that its peak RSS belongs to that run alone
/// and no run warms another: the benchmark executable again with the hidden child switch (as
/// <c>MemoryScaling</c> does) or the system Python with <c>peer_torch.py</c>.
/// </summary>
public static class PeerProcess
{
    /// <summary>The hidden switch: <c>--peers --peers-child CnnMLNet|PlainTorchSharp CONFIG</c>.</summary>
    public const string ChildSwitch = "--peers-child";

    /// <summary>Debian's interpreter: the first <c>python3</c> on PATH may be a pyenv shim that cannot import Debian's packages.</summary>
    public const string SystemPython = "/usr/bin/python3";

    /// <summary>What to tell a user whose system Python cannot import torch.</summary>
    public const string InstallHint = "sudo apt-get update && sudo apt-get install -y python3-torch   (Debian 12 / Ubuntu: PyTorch 1.13 for /usr/bin/python3)";

    /// <summary>The Python script, copied next to the benchmark executable by the project file.</summary>
    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Peers", "peer_torch.py");

    /// <summary>Runs one implementation on one case; returns its result, or null with <paramref name="error"/> set.</summary>
    public static PeerResult? Run(PeerImplementation implementation, string configPath, string python, out string error)
    {
        var start = implementation == PeerImplementation.PyTorch ? Python(python, ScriptPath, configPath) : Self(implementation, configPath);
        return Execute(start, out error);
    }

    /// <summary>Whether <paramref name="python"/> imports torch; its version, or null with the reason.</summary>
    public static string? PyTorchVersion(string python, out string reason)
    {
        if (!File.Exists(python))
        {
            reason = $"{python} does not exist";
            return null;
        }
        try
        {
            using var process = Process.Start(Python(python, ScriptPath, "--check")) ?? throw new InvalidOperationException("not started");
            var stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            reason = stderr.Result.Trim();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            reason = e.Message;
            return null;
        }
    }

    private static ProcessStartInfo Self(PeerImplementation implementation, string configPath)
    {
        var start = Redirected(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."));
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
            start.ArgumentList.Add(typeof(PeerProcess).Assembly.Location);
        foreach (var a in new[] { "--peers", ChildSwitch, implementation.ToString(), configPath })
            start.ArgumentList.Add(a);
        return start;
    }

    private static ProcessStartInfo Python(string python, string script, string argument)
    {
        var start = Redirected(python);
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        // The .NET children raise glibc's malloc thresholds (NativeAllocatorTuning); give PyTorch,
        // which also allocates with glibc's malloc, the same thresholds through the environment.
        if (Environment.GetEnvironmentVariable(NativeAllocatorTuning.OptOutVariable) != "1")
        {
            start.Environment["MALLOC_MMAP_THRESHOLD_"] = (64 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["MALLOC_TRIM_THRESHOLD_"] = (256 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return start;
    }

    private static ProcessStartInfo Redirected(string fileName) => new()
    {
        FileName = fileName,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    private static PeerResult? Execute(ProcessStartInfo start, out string error)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string? resultLine = null;
        var other = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(PeerResult.Prefix, StringComparison.Ordinal)) resultLine = line[PeerResult.Prefix.Length..];
            else other.Add(line);
        }
        process.WaitForExit();
        error = stderr.Result;
        if (process.ExitCode != 0 || resultLine == null)
        {
            error = $"exit code {process.ExitCode}; stdout: {string.Join(" | ", other.TakeLast(5))}; stderr: {string.Join(" | ", error.Split('\n').Where(l => l.Length > 0).TakeLast(10))}";
            return null;
        }
        return PeerResult.Parse(resultLine);
    }
}
