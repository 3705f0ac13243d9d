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
    /// Fixes libtorch's intra-op thread count for the whole process: every later training and
    /// scoring call uses <paramref name="threads"/>. Null returns the choice to Cnn.MLNet (training
    /// picks from the network's size, scoring uses libtorch's default). A latency-bound service on a
    /// small machine is often faster with 1 (BENCHMARKS.md); <c>OMP_NUM_THREADS</c> does the same.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static void SetIntraOpThreads(int? threads) => IntraOpThreads.Fix(threads);

    /// <summary>
    /// Opt-in tuning of glibc's malloc for repeated forward passes (raises the mmap and trim
    /// thresholds, as <c>MALLOC_MMAP_THRESHOLD_</c> and <c>MALLOC_TRIM_THRESHOLD_</c> would), which
    /// made batched scoring 12–20× faster on a 2-core Linux VM. A library should not change a
    /// process's allocator silently, so applications call it at start-up; the command line does.
    /// A no-op outside Linux or when <c>CNN_MLNET_DEFAULT_MALLOC=1</c>.
    /// </summary>
    /// <returns>One line saying what was done, for logs.</returns>
    public static string TuneNativeAllocator() => NativeAllocatorTuning.Apply();

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
