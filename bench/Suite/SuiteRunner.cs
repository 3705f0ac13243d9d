using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Benchmarks.Suite;

/// <summary>
/// The command line of the benchmark project.
/// <list type="bullet">
/// <item><c>--quick</c>: every benchmark with <see cref="SuiteJobs.Quick"/> (about a minute on the 2-core VM).</item>
/// <item><c>--full</c> (the default when no mode is given): every benchmark with <see cref="SuiteJobs.Full"/>.</item>
/// <item><c>--memory</c>: the memory-scaling measurement instead of BenchmarkDotNet.</item>
/// <item><c>--sweep</c>: successive halving against plain random search (<see cref="HalvingVersusRandomSearch"/>).</item>
/// <item><c>--paired</c>: interleaved rounds and median per-round ratios (<see cref="PairedRunner"/>), for a noisy machine.</item>
/// <item><c>--real</c>: the committed public data sets: default, presets and the search, on held-out rows (<see cref="Real.RealBenchmark"/>).</item>
/// <item><c>--genome-memory</c>: peak memory of scans and training windows on an hg38-sized indexed bgzip genome, each case in a child process (<see cref="Memory.IndexedGenomeMemory"/>).</item>
/// <item><c>--variants</c>: variant-effect throughput against plain batch prediction (<see cref="Variants.VariantScoringBenchmark"/>).</item>
/// <item><c>--attribution</c>: saliency, DeepSHAP (20 references) and in-silico mutagenesis throughput against plain scoring (<see cref="Attribution.AttributionBenchmark"/>).</item>
/// <item><c>--profiles</c>: profile training data and one-epoch training streamed from bigWig files against in-memory tracks, and the memory it takes (<see cref="Profiles.ProfileStreamingBenchmark"/>).</item>
/// <item><c>--peers</c>: Cnn.MLNet against a plain TorchSharp loop and PyTorch, each run in its own process (<see cref="Peers.PeerBenchmark"/>).</item>
/// </list>
/// Every other argument goes to <see cref="BenchmarkSwitcher"/> as before (<c>--filter '*Scoring*'</c>,
/// <c>--list flat</c>, …); without a <c>--filter</c> the whole suite runs. After BenchmarkDotNet's
/// tables a line <c>// json</c> is followed by one JSON object per benchmark method
/// (<see cref="BenchmarkJsonLine"/>).
/// </summary>
public static class SuiteRunner
{
    /// <summary>Runs the suite; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        bool quick = false, memory = false, genomeMemory = false, paired = false, sweep = false, peers = false, real = false, variants = false, attribution = false, profiles = false;
        var rest = new List<string>();
        foreach (string arg in args)
        {
            switch (arg)
            {
                case "--quick": quick = true; break;
                case "--full": quick = false; break;
                case "--memory": memory = true; break;
                case "--genome-memory": genomeMemory = true; break;
                case "--paired": paired = true; break;
                case "--sweep": sweep = true; break;
                case "--peers": peers = true; break;
                case "--real": real = true; break;
                case "--variants": variants = true; break;
                case "--attribution": attribution = true; break;
                case "--profiles": profiles = true; break;
                default: rest.Add(arg); break;
            }
        }

        // The memory-scaling measurement runs its own child processes and tunes the allocator there.
        if (memory)
            return Memory.MemoryScaling.Run(quick ? [.. rest, "--quick"] : rest.ToArray());
        // So does the indexed-genome memory measurement.
        if (genomeMemory)
            return Memory.IndexedGenomeMemory.Run(rest.ToArray());
        // So does the peer benchmark (and its children tune their own allocators).
        if (peers)
            return Peers.PeerBenchmark.Run(quick ? [.. rest, "--quick"] : rest.ToArray());

        // Before any native allocation: glibc malloc thresholds raised for baseline and Cnn.MLNet
        // alike (see NativeAllocatorTuning and BENCHMARKS.md); CNN_MLNET_DEFAULT_MALLOC=1 measures with defaults.
        Console.WriteLine("// " + NativeAllocatorTuning.Apply());
        TorchRuntime.EnsureInitialized();

        if (paired)
            return PairedRunner.Run(PairedRunner.Parse(rest, quick));

        if (real)
            return Real.RealBenchmark.Run(rest.ToArray());

        if (variants)
            return Variants.VariantScoringBenchmark.Run(quick ? [.. rest, "--quick"] : rest.ToArray());

        if (attribution)
            return Attribution.AttributionBenchmark.Run(rest.ToArray());

        if (profiles)
            return Profiles.ProfileStreamingBenchmark.Run(rest.ToArray());

        if (sweep)
            return Sweeps.HalvingVersusRandomSearch.Run(quick ? [.. rest, "--quick"] : rest.ToArray());

        if (!rest.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)))
            rest.AddRange(["--filter", "*"]);

        var config = DefaultConfig.Instance.AddJob(quick ? SuiteJobs.Quick : SuiteJobs.Full);
        Console.WriteLine($"// Suite mode: {(quick ? "quick" : "full")}, intra-op threads: {TorchSharp.torch.get_num_threads()}");
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(SuiteRunner).Assembly).Run(rest.ToArray(), config).ToList();
        PrintJson(summaries);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>Prints the marker line and one JSON object per benchmark method.</summary>
    public static void PrintJson(IReadOnlyList<Summary> summaries)
    {
        var lines = BenchmarkJson.From(summaries);
        if (lines.Count == 0)
            return;
        Console.WriteLine();
        Console.WriteLine(BenchmarkJson.Marker);
        foreach (var line in lines)
            Console.WriteLine(BenchmarkJson.Serialize(line));
    }
}
