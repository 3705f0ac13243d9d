using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Chooses where tensors live, by the rule ML.NET users know from Microsoft.ML.TorchSharp: CUDA when
/// <see cref="MLContext.GpuDeviceId"/> is set and CUDA is available; CPU when no GPU was asked
/// for; CPU with a logged warning when a GPU was asked for, CUDA is unavailable and
/// <see cref="MLContext.FallbackToCpu"/> is true; an error when it is false.
/// </summary>
internal static class TorchDevicePolicy
{
    /// <summary>Picks the device for <paramref name="environment"/>'s settings (an MLContext, or the environment behind one of its catalogs) on this machine.</summary>
    /// <exception cref="InvalidOperationException">A GPU was requested, none is usable, and fallback is off.</exception>
    public static torch.Device Select(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        TorchRuntime.EnsureInitialized();
        var (gpuDeviceId, fallbackToCpu) = HostEnvironmentAccess.DeviceSettings(environment);
        bool cudaAvailable = gpuDeviceId != null && torch.cuda.is_available();
        int deviceCount = cudaAvailable ? torch.cuda.device_count() : 0;
        var choice = Choose(gpuDeviceId, fallbackToCpu, deviceCount);
        if (choice.Warning != null) MLContextLog.Warning(environment, choice.Warning);
        return choice.CudaIndex is int index ? new torch.Device(DeviceType.CUDA, index) : torch.CPU;
    }

    /// <summary>The rule itself, free of TorchSharp so every branch is testable without a GPU.</summary>
    /// <param name="gpuDeviceId">The requested GPU, or null for CPU.</param>
    /// <param name="fallbackToCpu">Whether to run on CPU when the GPU cannot be used.</param>
    /// <param name="cudaDeviceCount">How many CUDA devices TorchSharp can use (0 when CUDA is unavailable).</param>
    internal static DeviceChoice Choose(int? gpuDeviceId, bool fallbackToCpu, int cudaDeviceCount)
    {
        if (gpuDeviceId is not int id) return new DeviceChoice(null, null);
        if (id < 0) throw new ArgumentOutOfRangeException(nameof(gpuDeviceId), id, "MLContext.GpuDeviceId must be 0 or greater.");
        if (id < cudaDeviceCount) return new DeviceChoice(id, null);

        string why = cudaDeviceCount == 0
            ? "CUDA is not available to TorchSharp (no GPU, no driver, or the application references TorchSharp-cpu instead of a TorchSharp-cuda package)"
            : $"only {cudaDeviceCount} CUDA device(s) exist (ids 0 to {cudaDeviceCount - 1})";
        if (!fallbackToCpu)
            throw new InvalidOperationException($"MLContext.GpuDeviceId is {id} but {why}. Set MLContext.FallbackToCpu = true to run on the CPU instead.");
        return new DeviceChoice(null, $"MLContext.GpuDeviceId is {id} but {why}; running on the CPU because MLContext.FallbackToCpu is true.");
    }

    /// <summary>The outcome of <see cref="Choose"/>: a CUDA index (null for CPU) and an optional warning.</summary>
    internal readonly record struct DeviceChoice(int? CudaIndex, string? Warning);
}
