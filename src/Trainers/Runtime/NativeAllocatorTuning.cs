using System.Runtime.InteropServices;

namespace Cnn.MLNet.Trainers;

// Upstream: no upstream report found as of 2026-12 (libtorch's CPU allocator and glibc's trim threshold).
/// <summary>
/// Opt-in tuning of glibc's malloc for repeated forward passes. libtorch allocates each pass's
/// intermediate tensors with malloc; a 256-row batch of the Zou2019 network needs about 1.3 MB of
/// scratch memory, which glibc by default may return to the kernel after every pass and fault in
/// again on the next. On a 2-core VM this made batched scoring 12–20× slower, and which speed a
/// process got depended on its heap history (BENCHMARKS.md). Raising the mmap and trim thresholds
/// (as <c>MALLOC_MMAP_THRESHOLD_</c> and <c>MALLOC_TRIM_THRESHOLD_</c> would) keeps that memory
/// for reuse, at the price of a process holding on to up to the trim threshold of freed memory.
/// A library should not change a process's allocator silently, so applications choose: the
/// <c>cnn-mlnet</c> command line and the benchmarks call <see cref="Apply"/>.
/// </summary>
internal static class NativeAllocatorTuning
{
    private const int TrimThresholdParameter = -1; // M_TRIM_THRESHOLD
    private const int MmapThresholdParameter = -3; // M_MMAP_THRESHOLD

    /// <summary>The environment variable that, set to 1, makes <see cref="Apply"/> leave the defaults alone.</summary>
    public const string OptOutVariable = "CNN_MLNET_DEFAULT_MALLOC";

    /// <summary>Raises glibc's thresholds; a no-op elsewhere or when <see cref="OptOutVariable"/> is 1.</summary>
    /// <returns>One line saying what was done, for logs.</returns>
    public static string Apply(int mmapThresholdBytes = 64 << 20, int trimThresholdBytes = 256 << 20)
    {
        if (Environment.GetEnvironmentVariable(OptOutVariable) == "1") return $"glibc malloc: defaults ({OptOutVariable}=1)";
        if (!OperatingSystem.IsLinux()) return "native allocator: defaults (not Linux)";
        try
        {
            bool ok = mallopt(TrimThresholdParameter, trimThresholdBytes) == 1 & mallopt(MmapThresholdParameter, mmapThresholdBytes) == 1;
            return ok
                ? $"glibc malloc: trim threshold {trimThresholdBytes >> 20} MiB, mmap threshold {mmapThresholdBytes >> 20} MiB"
                : "glibc malloc: mallopt refused the thresholds; defaults in effect";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "native allocator: defaults (not glibc)";
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
