using Microsoft.ML.Runtime;
using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Derives TorchSharp's seed from the MLContext, the way ML.NET's own trainers derive theirs:
/// each component registers a host and draws from the context's random stream. So
/// <c>new MLContext(seed: 1)</c> makes runs repeatable, a context without a seed makes them vary,
/// and an explicit seed (a trainer option) overrides both.
/// </summary>
internal static class TorchSeeding
{
    /// <summary>The seed for one training run: <paramref name="explicitSeed"/> when given, else the next draw from <paramref name="ml"/>.</summary>
    public static int Resolve(IHostEnvironment ml, int? explicitSeed = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (explicitSeed is int seed) return seed;
        return ml.Register("Cnn.MLNet").Rand.Next();
    }

    /// <summary>
    /// Seeds TorchSharp's global generators (weight initialisation, dropout) and returns a private
    /// CPU generator for everything the caller draws itself (shuffling), so that other code using
    /// the global generator cannot perturb it.
    /// </summary>
    public static torch.Generator Apply(int seed)
    {
        TorchRuntime.EnsureInitialized();
        torch.random.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
        return new torch.Generator((ulong)(uint)seed);
    }
}
