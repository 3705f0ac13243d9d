using System.Diagnostics;

namespace Cnn.MLNet.Genomics.Tests.Genomics.Indexed;

/// <summary>
/// The htslib command-line tools the index tests compare against (samtools, bgzip). Missing tools
/// skip those tests locally, naming the Debian package; with CI=true they run and fail, so CI never
/// passes without them (.ci/run installs them).
/// </summary>
public static class ExternalTool
{
    /// <summary>The Debian package of each tool.</summary>
    public static string PackageOf(string tool) => tool == "bgzip" ? "tabix" : tool;

    /// <summary>The tool's path, or null when it is not on PATH.</summary>
    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);

    /// <summary>Runs the tool in <paramref name="folder"/>; fails the test with its output when it fails.</summary>
    public static void Run(string tool, string folder, params string[] arguments)
    {
        string path = Find(tool) ?? throw new InvalidOperationException($"'{tool}' is not installed: apt-get install {PackageOf(tool)}.");
        var start = new ProcessStartInfo(path) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
    }
}

/// <summary>A fact that needs htslib tools: skipped (naming the Debian package) when one is missing, unless CI=true.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var missing = tools.Where(t => ExternalTool.Find(t) is null).ToList();
        if (missing.Count > 0 && !ci)
            Skip = $"Needs {string.Join(" and ", missing)}: apt-get install {string.Join(' ', missing.Select(ExternalTool.PackageOf).Distinct())} (CI=true runs it and fails without them).";
    }
}
