using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A snapshot of the TorchSharp installation as this process sees it: versions, whether the
/// native code loads (and if not, why), the state of the libstdc++ patch, and the devices. For
/// health checks and for <c>cnn-mlnet doctor</c>.
/// </summary>
public sealed record TorchRuntimeReport(
    string TorchSharpVersion,
    string ExpectedLibTorchVersion,
    bool Loaded,
    string? LoadError,
    string? LibraryPath,
    LibStdCxxPatchState? PatchState,
    string? PatchDetail,
    string? SystemLibStdCxx,
    int CudaDeviceCount,
    int IntraOpThreads)
{
    /// <summary>Collects the report; never throws for an unloadable runtime (that is what it reports).</summary>
    public static TorchRuntimeReport Collect()
    {
        var torchAssembly = typeof(torch).Assembly;
        string torchSharpVersion = torchAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? torchAssembly.GetName().Version?.ToString() ?? "unknown";
        string? path = NativeLoadDiagnosis.CandidateLibraryPaths(AppContext.BaseDirectory).FirstOrDefault(File.Exists);
        string? systemLibStdCxx = LibStdCxxCompatibilityPatch.FindSystemLibStdCxx();

        LibStdCxxPatchState? patchState = null;
        string? patchDetail = null;
        if (path != null && OperatingSystem.IsLinux())
        {
            try
            {
                var inspected = LibStdCxxCompatibilityPatch.Inspect(path);
                (patchState, patchDetail) = (inspected.State, inspected.Message);
            }
            catch (Exception e) when (e is IOException or InvalidDataException) { patchDetail = e.Message; }
        }

        bool loaded = false;
        string? error = null;
        int cudaDevices = 0, threads = 0;
        try
        {
            TorchRuntime.EnsureInitialized();
            loaded = true;
            cudaDevices = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
            threads = torch.get_num_threads();
        }
        catch (TorchNativeLoadException e) { error = e.Message; }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or TypeInitializationException) { error = e.Message; }

        return new TorchRuntimeReport(torchSharpVersion, NativeLoadDiagnosis.LibTorchVersion, loaded, error, path,
            patchState, patchDetail, systemLibStdCxx, cudaDevices, threads);
    }

    /// <summary>The operating system and process architecture, e.g. "Debian GNU/Linux 12 (bookworm) x64".</summary>
    public static string Platform => $"{RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}".Trim();
}
