using System.Reflection;

namespace Cnn.MLNet.Trainers.Tests;

/// <summary>Paths and facts about the machine the tests run on.</summary>
internal static class TestEnvironment
{
    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is empty.");

    /// <summary>The unpatched libLibTorchSharp.so inside the NuGet cache (must never change).</summary>
    public static string OriginalLibTorchSharp =>
        Path.Combine(Metadata("TorchSharpPackageDirectory"), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>This test assembly's own output copy, which the build patches.</summary>
    public static string OutputLibTorchSharp =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    public static string BuildConfiguration => Metadata("BuildConfiguration");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Cnn.MLNet.sln"))) return dir.FullName;
            throw new InvalidOperationException("Cnn.MLNet.sln not found above " + AppContext.BaseDirectory);
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    public static bool IsLinuxX64 => OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;

    /// <summary>A fresh directory under the temp folder, deleted by the caller's using.</summary>
    public static TempDirectory CreateTempDirectory() => new();

    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory() => Directory.CreateDirectory(Path);
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnn-mlnet-tests-" + Guid.NewGuid().ToString("N"));
        public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
    }
}
