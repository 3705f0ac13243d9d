using System.Runtime.InteropServices;
using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The one place that loads TorchSharp's native code. Every Cnn.MLNet component that touches
/// tensors calls <see cref="EnsureInitialized"/> first, so a broken installation fails early with a
/// <see cref="TorchNativeLoadException"/> quoting the real loader error, instead of failing inside
/// TorchSharp with a misleading message (and after TorchSharp has copied half a gigabyte of
/// libraries into a fallback folder).
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>Loads TorchSharp's CPU backend once per process; cheap after the first call.</summary>
    /// <exception cref="TorchNativeLoadException">The native libraries cannot be loaded.</exception>
    public static void EnsureInitialized()
    {
        if (Volatile.Read(ref _initialized)) return;
        lock (Gate)
        {
            if (_initialized) return;
            LoadGlueLibraryOrExplain();
            torch.InitializeDeviceType(DeviceType.CPU);
            IntraOpThreads.CaptureDefault();
            Volatile.Write(ref _initialized, true);
        }
    }

    /// <summary>
    /// Loads libLibTorchSharp the way TorchSharp will (by name, through the application's
    /// dependency manifest) and, when that fails, loads the copy by path to capture what the
    /// system loader actually said.
    /// </summary>
    private static void LoadGlueLibraryOrExplain()
    {
        var torchAssembly = typeof(torch).Assembly;
        if (NativeLibrary.TryLoad("LibTorchSharp", torchAssembly, null, out _)) return;

        string? path = NativeLoadDiagnosis.CandidateLibraryPaths(AppContext.BaseDirectory).FirstOrDefault(File.Exists)
            ?? NativeLoadDiagnosis.CandidateLibraryPaths(Path.GetDirectoryName(torchAssembly.Location) ?? AppContext.BaseDirectory).FirstOrDefault(File.Exists);
        try
        {
            if (path != null) NativeLibrary.Load(path);
            else NativeLibrary.Load("LibTorchSharp", torchAssembly, null);
        }
        catch (DllNotFoundException e)
        {
            throw NativeLoadDiagnosis.Explain(e.Message, path, e);
        }
        // Loaded by path although the by-name probe failed: TorchSharp will find the handle already
        // mapped, so carry on.
    }
}
