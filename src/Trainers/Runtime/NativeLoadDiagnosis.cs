using System.Runtime.InteropServices;

namespace Cnn.MLNet.Trainers;

// Upstream: TorchSharp's NotSupportedException claims a missing libtorch-cpu reference whatever the loader said:
// https://github.com/dotnet/TorchSharp/issues/449, https://github.com/dotnet/TorchSharp/issues/1264
/// <summary>
/// Turns a failed native load into an actionable message: what the loader really said, which copy
/// of libLibTorchSharp was tried and in what state, and which package or library version fixes it.
/// </summary>
internal static class NativeLoadDiagnosis
{
    /// <summary>The libtorch build that TorchSharp 0.107.0 was compiled against.</summary>
    internal const string TorchSharpVersion = "0.107.0";
    internal const string LibTorchVersion = "2.10.0";

    /// <summary>Where the application's copy of the TorchSharp glue library would be.</summary>
    internal static IEnumerable<string> CandidateLibraryPaths(string baseDirectory)
    {
        string file = OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        yield return Path.Combine(baseDirectory, file);
        yield return Path.Combine(baseDirectory, "runtimes", $"{os}-{arch}", "native", file);
    }

    /// <summary>Builds the exception for a load that failed with <paramref name="loaderError"/>.</summary>
    internal static TorchNativeLoadException Explain(string loaderError, string? libraryPath, Exception? inner)
    {
        var message = new System.Text.StringBuilder("TorchSharp's native library could not be loaded.");
        message.Append(libraryPath == null
            ? " No copy of libLibTorchSharp was found next to the application."
            : $" Library: {libraryPath}.");
        message.AppendLine().Append("The system loader said: ").AppendLine(loaderError.Trim());
        message.Append(Advice(loaderError, libraryPath));
        return new TorchNativeLoadException(message.ToString(), loaderError, inner);
    }

    internal static string Advice(string loaderError, string? libraryPath)
    {
        if (loaderError.Contains("GLIBCXX_", StringComparison.Ordinal) || loaderError.Contains("CXXABI_", StringComparison.Ordinal))
        {
            string state = "";
            if (libraryPath != null && File.Exists(libraryPath))
            {
                try { state = " " + LibStdCxxCompatibilityPatch.Inspect(libraryPath).Message; }
                catch (Exception e) when (e is IOException or InvalidDataException) { state = $" (Could not inspect it: {e.Message})"; }
            }
            return "This libLibTorchSharp needs a newer libstdc++ than this system's " +
                   $"({LibStdCxxCompatibilityPatch.FindSystemLibStdCxx() ?? "libstdc++.so.6"}).{state} " +
                   "Cnn.MLNet.Trainers patches the application's copy when the application is built: rebuild it with the " +
                   "Cnn.MLNet.Trainers package referenced (directly or through Cnn.MLNet.Pipelines) and without " +
                   "CnnMLNetPatchLibTorchSharp=never; when publishing for an older system than the build machine, set " +
                   "CnnMLNetPatchLibTorchSharp=always. Otherwise install libstdc++ from GCC 13 or newer.";
        }
        if (libraryPath == null || loaderError.Contains("libtorch", StringComparison.OrdinalIgnoreCase) || loaderError.Contains("libc10", StringComparison.Ordinal))
        {
            return $"The application must reference a TorchSharp native package of version {TorchSharpVersion} (libtorch {LibTorchVersion}): " +
                   $"TorchSharp-cpu {TorchSharpVersion} for CPU, or TorchSharp-cuda-linux / TorchSharp-cuda-windows {TorchSharpVersion} for CUDA.";
        }
        return $"Check that the native packages match TorchSharp {TorchSharpVersion} (libtorch {LibTorchVersion}) and that " +
               "the machine is 64-bit with a supported C/C++ runtime.";
    }
}
