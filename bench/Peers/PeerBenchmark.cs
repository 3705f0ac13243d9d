using System.Diagnostics;
using System.Globalization;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// The peer benchmark: the same networks trained and scored on the same data by Cnn.MLNet (public
/// API), a plain TorchSharp loop and PyTorch 1.13, each (network, implementation) in its own child
/// process, interleaved over rounds, reported as median per-round ratios (README.md in this folder).
/// Reached through <c>dotnet run -c Release --project bench -- --peers [--quick]</c>; the hidden
/// <see cref="PeerProcess.ChildSwitch"/> runs one .NET implementation on one case.
/// </summary>
public static class PeerBenchmark
{
    /// <summary>Training steps of the untimed warm-up run in every child.</summary>
    public const int WarmupBatches = 2;

    /// <summary>Seed of the generated data and of every implementation's generator.</summary>
    public const int Seed = 1;

    /// <summary>Runs the parent or, with the hidden switch, a child; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int child = Array.IndexOf(args, PeerProcess.ChildSwitch);
        return child >= 0 ? RunChild(args.Skip(child + 1).ToArray()) : RunParent(args);
    }

    private static int RunChild(string[] args)
    {
        if (args.Length != 2 || !Enum.TryParse<PeerImplementation>(args[0], out var implementation) || implementation == PeerImplementation.PyTorch)
        {
            Console.Error.WriteLine($"{PeerProcess.ChildSwitch} CnnMLNet|PlainTorchSharp CONFIG.json");
            return 2;
        }
        // Both .NET sides get the allocator tuning the other benchmarks use (Suite/SuiteRunner).
        Console.WriteLine("// " + NativeAllocatorTuning.Apply());
        var config = PeerRunConfig.Load(args[1]);
        var result = implementation == PeerImplementation.CnnMLNet ? OursRun.Run(config) : PlainTorchRun.Run(config);
        Console.WriteLine(result.ToLine());
        return 0;
    }

    private static int RunParent(string[] args)
    {
        PeerSettings settings;
        IReadOnlyList<PeerCase> cases;
        try
        {
            settings = PeerSettings.Parse(args);
            cases = settings.Cases();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        string? torchVersion = PeerProcess.PyTorchVersion(settings.Python, out string reason);
        if (torchVersion is null)
        {
            Console.Error.WriteLine($"The peer benchmark needs PyTorch for {settings.Python}, which cannot import torch: {LastLine(reason)}");
            Console.Error.WriteLine($"Install it with: {PeerProcess.InstallHint}");
            return 3;
        }

        TorchRuntime.EnsureInitialized();
        int threads = settings.Threads ?? IntraOpThreads.Default;
        Console.WriteLine($"// Peer benchmark ({(settings.Quick ? "quick" : "full")}): Cnn.MLNet vs plain TorchSharp vs PyTorch {torchVersion} ({settings.Python}); "
            + $"{settings.Rounds} round(s), {threads} intra-op thread(s) for all three, batch {PeerCase.BatchSize}, Adam {PeerCase.LearningRate}, scoring batch {PeerCase.ScoringBatchSize}");
        Console.WriteLine($"// Each (network, implementation) runs in its own process; timed: network + optimiser + every epoch, then scoring every training row, both after an untimed {WarmupBatches}-batch warm-up on a throwaway network.");
        Console.WriteLine($"// {Environment.ProcessorCount} logical cores, OMP_NUM_THREADS={Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "(unset)"}, load average {LoadAverage()}");

        string folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-peers-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var results = new List<(PeerCase Case, List<PeerRound> Rounds)>();
        bool failed = false;
        try
        {
            var configs = cases.Select(c => WriteCase(c, folder, threads)).ToList();
            results.AddRange(cases.Select(c => (c, new List<PeerRound>())));
            var implementations = Enum.GetValues<PeerImplementation>();
            for (int round = 0; round < settings.Rounds; round++)
            {
                for (int i = 0; i < cases.Count; i++)
                {
                    var roundResults = new PeerRound();
                    // Rotate the order per round and case, so no implementation always runs first (or after the same one).
                    for (int k = 0; k < implementations.Length; k++)
                    {
                        var who = implementations[(k + round + i) % implementations.Length];
                        var result = PeerProcess.Run(who, configs[i], settings.Python, out string error);
                        if (result is null)
                        {
                            Console.Error.WriteLine($"// round {round + 1}, {cases[i].Network}, {who}: the child failed: {error}");
                            failed = true;
                            continue;
                        }
                        roundResults[who] = result;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"// round {round + 1}, {cases[i].Network,-13} {who,-15} train {result.TrainSeconds,7:F2} s, score {result.ScoreSeconds,6:F3} s, peak RSS {result.PeakRssMiB,6:F0} MiB, loss {result.Loss:F4}, accuracy {result.Accuracy:F3}, threads {result.Threads}"));
                    }
                    results[i].Rounds.Add(roundResults);
                }
            }
        }
        finally
        {
            if (settings.Keep) Console.WriteLine($"// data kept in {folder}");
            else Directory.Delete(folder, recursive: true);
        }

        PeerReport.Print(results);
        return failed ? 1 : 0;
    }

    /// <summary>Generates the case's data, writes it and its run config; returns the config's path.</summary>
    private static string WriteCase(PeerCase peerCase, string folder, int threads)
    {
        var clock = Stopwatch.StartNew();
        var (features, labels) = PeerData.Generate(peerCase, Seed);
        string stem = Path.Combine(folder, peerCase.Network);
        var input = peerCase.Input;
        var config = new PeerRunConfig(peerCase.Network, peerCase.Spec.ToJson(), input.Channels, input.Height, input.Length, input.Classes,
            peerCase.Rows, peerCase.Epochs, PeerCase.BatchSize, PeerCase.LearningRate, PeerCase.ScoringBatchSize, WarmupBatches, threads, Seed,
            stem + ".features.f32", stem + ".labels.i32");
        PeerDataFile.Write(config.FeaturesPath, config.LabelsPath, features, labels);
        config.Save(stem + ".json");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {peerCase.Network}: {peerCase.Rows:N0} rows of {input}, {peerCase.Epochs} epoch(s); data generated and written in {clock.Elapsed.TotalSeconds:F1} s (not timed)"));
        return stem + ".json";
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "(no message)";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
