using System.Runtime.InteropServices;
using Microsoft.ML;
using TorchSharp;

namespace Cnn.MLNet.Trainers.Tests.Runtime;

/// <remarks>In the TorchGlobalState collection: seeding tests read TorchSharp's process-wide generator.</remarks>
[Collection(TorchGlobalState.Name)]
public class TorchRuntimeTests
{
    [Fact]
    public void TorchSharp_loads_from_the_patched_output_copy_and_computes()
    {
        TorchRuntime.EnsureInitialized();
        TorchRuntime.EnsureInitialized(); // idempotent

        using var a = torch.ones(2, 3);
        using var b = torch.full(3, 2, 2f);
        using var product = a.matmul(b);
        Assert.Equal(new[] { 6f, 6f, 6f, 6f }, product.data<float>().ToArray());
    }

    [Fact]
    public void An_unpatched_copy_fails_with_the_real_loader_message_and_advice()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        var system = LibStdCxxCompatibilityPatch.FindSystemLibStdCxx()!;
        // Only an old libstdc++ makes the unpatched library fail; elsewhere there is nothing to explain.
        if (LibStdCxxCompatibilityPatch.ReadDefinedVersions(system).Contains("GLIBCXX_3.4.32")) return;

        using var dir = TestEnvironment.CreateTempDirectory();
        string copy = Path.Combine(dir.Path, "libLibTorchSharp.so");
        File.Copy(TestEnvironment.OriginalLibTorchSharp, copy);
        var loadError = Assert.Throws<DllNotFoundException>(() => NativeLibrary.Load(copy));

        var explained = NativeLoadDiagnosis.Explain(loadError.Message, copy, loadError);

        Assert.Contains("GLIBCXX_3.4.32' not found", explained.LoaderError);
        Assert.Contains(explained.LoaderError.Trim(), explained.Message);
        Assert.Contains("not yet marked weak", explained.Message);  // the copy's inspected state
        Assert.Contains("GCC 13", explained.Message);
        Assert.DoesNotContain("doesn't contain a reference", explained.Message);
    }

    [Fact]
    public void A_missing_libtorch_is_explained_with_the_package_and_library_version()
    {
        var explained = NativeLoadDiagnosis.Explain("libtorch_cpu.so: cannot open shared object file: No such file or directory", "/app/libLibTorchSharp.so", null);

        Assert.StartsWith("TorchSharp's native library could not be loaded.", explained.Message);
        Assert.Contains("libtorch_cpu.so: cannot open shared object file", explained.Message);
        Assert.Contains("TorchSharp-cpu 0.107.0", explained.Message);
        Assert.Contains("libtorch 2.10.0", explained.Message);
    }

    [Fact]
    public void Device_rule_cpu_unless_a_usable_gpu_is_requested()
    {
        Assert.Equal(new TorchDevicePolicy.DeviceChoice(null, null), TorchDevicePolicy.Choose(null, fallbackToCpu: false, cudaDeviceCount: 0));
        Assert.Equal(new TorchDevicePolicy.DeviceChoice(null, null), TorchDevicePolicy.Choose(null, fallbackToCpu: false, cudaDeviceCount: 2));
        Assert.Equal(new TorchDevicePolicy.DeviceChoice(1, null), TorchDevicePolicy.Choose(1, fallbackToCpu: false, cudaDeviceCount: 2));
    }

    [Fact]
    public void Device_rule_requested_gpu_without_cuda_throws_unless_fallback()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TorchDevicePolicy.Choose(0, fallbackToCpu: false, cudaDeviceCount: 0));
        Assert.Contains("GpuDeviceId is 0", error.Message);
        Assert.Contains("FallbackToCpu", error.Message);

        var fallback = TorchDevicePolicy.Choose(0, fallbackToCpu: true, cudaDeviceCount: 0);
        Assert.Null(fallback.CudaIndex);
        Assert.Contains("running on the CPU", fallback.Warning);

        var outOfRange = Assert.Throws<InvalidOperationException>(() => TorchDevicePolicy.Choose(3, fallbackToCpu: false, cudaDeviceCount: 2));
        Assert.Contains("only 2 CUDA device(s)", outOfRange.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchDevicePolicy.Choose(-1, fallbackToCpu: true, cudaDeviceCount: 0));
    }

    [Fact]
    public void Device_selection_from_an_MLContext_logs_the_fallback()
    {
        TorchRuntime.EnsureInitialized();
        if (torch.cuda.is_available()) return; // this test describes a machine without CUDA
        var ml = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = true };
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };

        var device = TorchDevicePolicy.Select(ml);

        Assert.Equal(DeviceType.CPU, device.type);
        Assert.Contains(log, m => m.Contains("Kind=Warning") && m.Contains("FallbackToCpu is true"));
        Assert.Throws<InvalidOperationException>(() => TorchDevicePolicy.Select(new MLContext(seed: 1) { GpuDeviceId = 0 }));
        Assert.Equal(DeviceType.CPU, TorchDevicePolicy.Select(new MLContext(seed: 1)).type);
    }

    [Fact]
    public void Same_MLContext_seed_gives_the_same_random_stream_and_different_seeds_differ()
    {
        float[] Draw(MLContext ml, int? seed = null)
        {
            using var env = TorchEnvironment.Create(ml, seed);
            using var weights = torch.rand(8);
            using var order = torch.randperm(8, generator: env.Generator);
            return weights.data<float>().ToArray().Concat(order.data<long>().ToArray().Select(i => (float)i)).ToArray();
        }

        var first = Draw(new MLContext(seed: 42));
        Assert.Equal(first, Draw(new MLContext(seed: 42)));
        Assert.NotEqual(first, Draw(new MLContext(seed: 43)));
        // An explicit seed wins over the context's.
        Assert.Equal(Draw(new MLContext(seed: 1), seed: 7), Draw(new MLContext(seed: 2), seed: 7));
        Assert.Equal(7, TorchSeeding.Resolve(new MLContext(seed: 5), 7));
    }
}
