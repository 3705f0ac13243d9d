using System.Diagnostics;

namespace Cnn.MLNet.Tests.Shared;

/// <summary>Debian's pyBigWig (python3-pybigwig) run through /usr/bin/python3, which CI installs (.ci/run).</summary>
internal static class PyBigWig
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> s_available = new(() => File.Exists(Python) && RunProcess("-c", "import pyBigWig").ExitCode == 0);

    public static bool Available => s_available.Value;

    /// <summary>Runs a Python script (pyBigWig imported) with arguments; fails the test with its output when it fails.</summary>
    public static string Run(string folder, string script, params string[] arguments)
    {
        string file = Path.Combine(folder, $"script-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, "import sys, pyBigWig\n" + script);
        var (code, output) = RunProcess([file, .. arguments]);
        Assert.True(code == 0, $"pyBigWig script failed ({code}): {output}");
        return output;
    }

    private static (int ExitCode, string Output) RunProcess(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}

/// <summary>A fact that needs pyBigWig: skipped (naming the Debian package) when it is missing, unless CI=true.</summary>
public sealed class PyBigWigFactAttribute : FactAttribute
{
    public PyBigWigFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !PyBigWig.Available)
            Skip = "Needs pyBigWig for /usr/bin/python3: apt-get install python3-pybigwig (CI=true runs it and fails without it).";
    }
}
