using System.Diagnostics;

namespace Cnn.MLNet.Cli.Tests.Workflow;

/// <summary>Debian's <c>snakemake</c> (package snakemake), which CI installs (.ci/run), and the repository's workflow.</summary>
internal static class Snakemake
{
    private static readonly Lazy<bool> s_available = new(() =>
    {
        try { return Run(Path.GetTempPath(), TimeSpan.FromMinutes(1), "--version").ExitCode == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; } // not on PATH
    });

    public static bool Available => s_available.Value;

    /// <summary>workflows/Snakefile of this repository, found above the test assembly.</summary>
    public static string Snakefile
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "workflows", "Snakefile");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException($"workflows/Snakefile not found above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Starts snakemake in <paramref name="folder"/>; its output lines are collected as they come.</summary>
    public static Process Start(string folder, out System.Collections.Concurrent.ConcurrentQueue<string> lines, params string[] arguments) =>
        ChildProcess.Start("snakemake", arguments, out lines, folder);

    /// <summary>Runs snakemake to the end (killed after <paramref name="limit"/>); its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string folder, TimeSpan limit, params string[] arguments)
    {
        using var process = Start(folder, out var lines, arguments);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"snakemake did not finish within {limit}:\n" + string.Join("\n", lines));
        }
        process.WaitForExit(); // lets the output handlers drain
        return (process.ExitCode, string.Join("\n", lines));
    }
}

/// <summary>A fact that needs snakemake: skipped (naming the Debian package) when it is missing, unless CI=true.</summary>
public sealed class SnakemakeFactAttribute : FactAttribute
{
    public SnakemakeFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !Snakemake.Available)
            Skip = "Needs Snakemake on PATH: apt-get install snakemake (CI=true runs it and fails without it).";
    }
}
