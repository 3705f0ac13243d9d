using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks.Sweeps;

/// <summary>
/// What successive halving buys: the same sweep (same seed, so the same 12 drawn configurations,
/// the same validation split and training seeds) run with halving (2 → 6 → 18 epochs, η = 3) and
/// as plain random search (every trial up to 18 epochs), both with early stopping (patience 3).
/// Reports each one's wall time, the ratio random / halving, and the winner's validation metric.
/// The two are interleaved over <c>--repeats</c> rounds, alternating which runs first, because the
/// machine is shared. The data is four classes of 200-bp DNA (motif A in the first half, motif B in
/// the second, both or neither).
/// </summary>
/// <remarks>Reached through <c>dotnet run -c Release --project bench -- --sweep [--quick] [--repeats N]</c>.</remarks>
public static class HalvingVersusRandomSearch
{
    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int repeats = args.SkipWhile(a => a != "--repeats").Skip(1).Select(int.Parse).FirstOrDefault(quick ? 1 : 2);
        int rows = quick ? 1500 : 4000, trials = quick ? 6 : 12;
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(FourClasses(rows, length: 200, seed: 21));
        var settings = new SequenceTrainingSettings { Task = CnnTaskKind.MulticlassClassification };
        Console.WriteLine($"// sweep: {rows} rows × 200 bp, 4 classes, {trials} trials, {repeats} round(s), intra-op threads {TorchSharp.torch.get_num_threads()}");

        var ratios = new List<double>();
        for (int round = 0; round < repeats; round++)
        {
            var times = new Dictionary<bool, (double Seconds, double Best, int Trials)>();
            foreach (bool halving in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var clock = Stopwatch.StartNew();
                var result = CnnSweep.Sequences(ml, data, settings, new CnnSweepOptions
                {
                    Trials = trials,
                    Seed = 1,
                    WarmStart = false,
                    Proposer = SweepProposer.Random,
                    SuccessiveHalving = halving,
                    MinEpochs = 2,
                    MaxEpochs = 18,
                    ReductionFactor = 3,
                    Refit = false,
                });
                times[halving] = (clock.Elapsed.TotalSeconds, result.Best.Mean, result.Candidates);
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    benchmark = "Sweep",
                    mode = halving ? "halving" : "random",
                    round,
                    seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                    bestTrial = result.Best.Id,
                    bestMicroAccuracy = Math.Round(result.Best.Mean, 4),
                    bestOptions = result.Best.Options.ToString(),
                }));
            }
            double ratio = times[false].Seconds / times[true].Seconds;
            ratios.Add(ratio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// round {round}: halving {times[true].Seconds:F1} s (best {times[true].Best:F4}), random {times[false].Seconds:F1} s (best {times[false].Best:F4}): random / halving = {ratio:F2}"));
        }
        Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "Sweep", ratioRandomOverHalving = ratios.Select(r => Math.Round(r, 3)).ToArray() }));
        return 0;
    }

    private static List<Row> FourClasses(int count, int length, int seed)
    {
        const string a = "CGACCGAACTCC", b = "TTGACGTCAA";
        var random = new Random(seed);
        var list = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            var bases = Enumerable.Range(0, length).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            bool hasA = random.Next(2) == 1, hasB = random.Next(2) == 1;
            int half = length / 2;
            if (hasA) a.CopyTo(0, bases, random.Next(half - a.Length + 1), a.Length);
            if (hasB) b.CopyTo(0, bases, half + random.Next(half - b.Length + 1), b.Length);
            list.Add(new Row { Sequence = new string(bases), Label = hasA && hasB ? "AB" : hasA ? "A" : hasB ? "B" : "none" });
        }
        return list;
    }

    private sealed class Row
    {
        public string Sequence { get; set; } = "";
        public string Label { get; set; } = "";
    }
}
