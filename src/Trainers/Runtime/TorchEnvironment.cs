using Microsoft.ML.Runtime;
using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Everything a training or scoring run needs from the runtime, prepared in one call: TorchSharp
/// loaded, the device chosen from the MLContext, and the seed applied.
/// </summary>
internal sealed class TorchEnvironment : IDisposable
{
    private TorchEnvironment(torch.Device device, int seed, torch.Generator generator)
    {
        Device = device; Seed = seed; Generator = generator;
    }

    /// <summary>Where tensors go (see <see cref="TorchDevicePolicy"/>).</summary>
    public torch.Device Device { get; }
    /// <summary>The seed applied to TorchSharp for this run.</summary>
    public int Seed { get; }
    /// <summary>A CPU generator seeded with <see cref="Seed"/>, private to this run.</summary>
    public torch.Generator Generator { get; }

    /// <summary>Loads TorchSharp, picks the device and seeds TorchSharp for a run under <paramref name="ml"/>.</summary>
    /// <param name="ml">An MLContext (or the environment behind one of its catalogs); supplies the device settings and, unless <paramref name="seed"/> is given, the seed.</param>
    /// <param name="seed">An explicit seed that overrides the MLContext's.</param>
    /// <exception cref="TorchNativeLoadException">TorchSharp's native libraries cannot be loaded.</exception>
    /// <exception cref="InvalidOperationException">A GPU was requested, none is usable, and fallback is off.</exception>
    public static TorchEnvironment Create(IHostEnvironment ml, int? seed = null)
    {
        TorchRuntime.EnsureInitialized();
        var device = TorchDevicePolicy.Select(ml);
        int resolved = TorchSeeding.Resolve(ml, seed);
        return new TorchEnvironment(device, resolved, TorchSeeding.Apply(resolved));
    }

    /// <summary>Releases the native generator.</summary>
    public void Dispose() => Generator.Dispose();
}
