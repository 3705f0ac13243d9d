using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;

namespace Cnn.MLNet.Cli;

/// <summary>
/// The <see cref="MLContext"/> every command makes: the seed the command asks for, on the device the
/// global <c>--gpu N</c> option names (ML.NET's own rule: <see cref="MLContext.GpuDeviceId"/>, without
/// falling back to the CPU), or the CPU without it. One job per GPU in a workflow passes its device here.
/// </summary>
internal static class CliContext
{
    private static int? s_gpu;

    /// <summary>A context with <paramref name="seed"/> on the chosen device.</summary>
    /// <exception cref="CliUserException">A GPU was asked for but TorchSharp sees no CUDA device with that number (a CPU build, no driver, or too few GPUs).</exception>
    public static MLContext Create(int? seed)
    {
        if (s_gpu is not int device) return new MLContext(seed);
        TorchRuntime.EnsureInitialized();
        int count = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        if (device >= count)
        {
            throw new CliUserException(count == 0
                ? $"--gpu {device}: CUDA is not available to TorchSharp here (no GPU, no driver, or this cnn-mlnet carries TorchSharp-cpu; a GPU build references TorchSharp-cuda-linux, see docs/INSTALLATION.md)."
                : $"--gpu {device}: TorchSharp sees {count} CUDA device(s), numbered 0 to {count - 1}.");
        }
        return new MLContext(seed) { GpuDeviceId = device, FallbackToCpu = false };
    }

    /// <summary>Sets the device for the commands of one <c>CliApp.Run</c> until disposed (in-process callers such as tests are left unaffected).</summary>
    public static IDisposable UseGpu(int? device)
    {
        s_gpu = device;
        return new Reset();
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => s_gpu = null;
    }
}
