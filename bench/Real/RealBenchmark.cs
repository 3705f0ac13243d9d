using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks.Real;

/// <summary>
/// The real-data benchmark: on each committed public data set (<see cref="RealDataSet.All"/>), the
/// default <c>train</c>, every sequence preset (without and with reverse-complement handling), and the
/// search at each budget, all scored on the data set's held-out test rows. With <c>--proposers</c>, the
/// model-based proposer against random search at equal time instead.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench -- --real [--data NAME]… [--seeds 3] [--search 2m,10m] [--search-seeds 1]
/// [--first-search-seed 1] [--no-presets] [--no-search] [--networks Zou2019,DeepBind] [--proposers 3m]</c>. One JSON object per run goes to stdout,
/// then a Markdown table per data set (mean ± sample sd over seeds).
/// </remarks>
public static class RealBenchmark
{
    public static int Run(string[] args)
    {
        var sets = Values(args, "--data").SelectMany(v => v.Split(',')).Select(RealDataSet.Get).ToList();
        if (sets.Count == 0) sets = [.. RealDataSet.All];
        int seeds = Values(args, "--seeds").Select(int.Parse).LastOrDefault(3);
        int searchSeeds = Values(args, "--search-seeds").Select(int.Parse).LastOrDefault(1);
        int firstSearchSeed = Values(args, "--first-search-seed").Select(int.Parse).LastOrDefault(1);
        var budgets = args.Contains("--no-search") ? [] : (Values(args, "--search").LastOrDefault("2m,10m")).Split(',').Select(Duration).ToList();
        var networks = Values(args, "--networks").SelectMany(v => v.Split(',')).ToList();
        var proposers = Values(args, "--proposers").Select(Duration).ToList();
        Console.WriteLine($"// real data: {string.Join(", ", sets.Select(s => s.Name))}; seeds {seeds}; search budgets {string.Join(", ", budgets)} × {searchSeeds} seed(s); "
            + $"intra-op threads {TorchSharp.torch.get_num_threads()}");

        var tables = new List<string>();
        foreach (var set in sets)
        {
            var ml = new MLContext(1);
            var split = set.Load(ml);
            Console.WriteLine($"// {set.Name}: {split.TrainRows} train, {split.TestRows} test rows; {set.Description}");
            var rows = new List<RealResult>();
            if (proposers.Count > 0)
            {
                foreach (var budget in proposers)
                    for (int seed = firstSearchSeed; seed < firstSearchSeed + searchSeeds; seed++)
                        foreach (var proposer in new[] { SweepProposer.Tpe, SweepProposer.Random })
                            rows.Add(Search(ml, set, split, budget, seed, proposer, warmStart: false));
            }
            else
            {
                if (!args.Contains("--no-presets"))
                    foreach (var (name, network, strands) in Candidates(networks))
                        for (int seed = 1; seed <= seeds; seed++)
                            rows.Add(Train(ml, set, split, name, network, strands, seed));
                foreach (var budget in budgets)
                    for (int seed = firstSearchSeed; seed < firstSearchSeed + searchSeeds; seed++)
                        rows.Add(Search(ml, set, split, budget, seed, SweepProposer.Tpe, warmStart: true));
            }
            tables.Add(Table(set, split, rows));
        }
        foreach (string table in tables) Console.WriteLine(table);
        return 0;
    }

    /// <summary>The default network (as <c>train</c> gives it), then every sequence preset, each without and with RC handling.</summary>
    private static IEnumerable<(string Name, NetworkSpec? Network, bool Strands)> Candidates(IReadOnlyList<string> only)
    {
        var names = only.Count > 0 ? only : ["default", "Zou2019", "DeepBind", "Basset", "DilatedResNet"];
        foreach (string name in names)
        {
            NetworkSpec? network = name == "default" ? null : NetworkPresets.ByName[name]();
            if (name != "default" && NetworkPresets.Default().Name == network!.Name && only.Count == 0) continue; // the default row is this one
            yield return (name == "default" ? $"default ({NetworkPresets.Default().Name})" : name, network, false);
            if (name != "default") yield return (name + " + RC", network, true);
        }
    }

    private static RealResult Train(MLContext ml, RealDataSet set, RealDataSplit split, string name, NetworkSpec? network, bool strands, int seed)
    {
        var settings = new SequenceTrainingSettings { Task = set.Task, Training = { Network = network, Seed = seed }, ReverseComplementAugment = strands, ReverseComplementAverage = strands };
        try { Trainers.NetworkShapes.Infer(settings.Training.Network ?? NetworkPresets.Default(), 4, set.SequenceLength, outputs: 1); }
        catch (ArgumentException e)
        {
            var skipped = new RealResult(name, seed, new Dictionary<string, double>(), 0, $"does not fit: {e.Message}");
            Console.WriteLine(JsonSerializer.Serialize(skipped));
            return skipped;
        }
        var clock = Stopwatch.StartNew();
        var model = SequenceModels.Train(ml, split.Train, null, settings);
        double seconds = clock.Elapsed.TotalSeconds;
        var metrics = SequenceModels.Evaluate(ml, model, split.Test);
        CnnChain.FindCnn(model).Model.Dispose();
        var result = new RealResult(name, seed, set.Metrics.ToDictionary(m => m, m => metrics[m]), seconds, null);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return result;
    }

    private static RealResult Search(MLContext ml, RealDataSet set, RealDataSplit split, TimeSpan budget, int seed, SweepProposer proposer, bool warmStart)
    {
        var result = CnnSweep.Sequences(ml, split.Train, new SequenceTrainingSettings { Task = set.Task }, new CnnSweepOptions
        {
            TimeLimit = budget,
            Seed = seed,
            Proposer = proposer,
            WarmStart = warmStart,
            Progress = new Progress<SweepTrialReport>(r => Console.Error.WriteLine("  " + r)),
        });
        var metrics = SequenceModels.Evaluate(ml, result.Model!, split.Test);
        var defaultTrial = result.Leaderboard.Trials.FirstOrDefault(t => t.Id == 1 && t.Source == SweepTrialSource.Preset);
        string name = $"search {Format(budget)}" + (warmStart ? "" : $" {proposer.ToString().ToLowerInvariant()}, no warm start");
        var invariant = CultureInfo.InvariantCulture;
        var note = string.Create(invariant, $"{result.StopReason}; {result.Candidates} trials; budget used {result.SearchTime.TotalSeconds / budget.TotalSeconds:P0}; refit {result.RefitTime.TotalSeconds:F0} s; ")
            + string.Create(invariant, $"validation {result.Leaderboard.Metric.Name} {result.Best.Mean:F4}")
            + (defaultTrial is { IsRanked: true } ? string.Create(invariant, $" vs default {defaultTrial.Mean:F4}") : "") + $"; winner {result.Best.Options}";
        CnnChain.FindCnn(result.Model!).Model.Dispose();
        var row = new RealResult(name, seed, set.Metrics.ToDictionary(m => m, m => metrics[m]), result.SearchTime.TotalSeconds + result.RefitTime.TotalSeconds, note)
        {
            ValidationBest = result.Best.Mean,
        };
        Console.WriteLine(JsonSerializer.Serialize(row));
        return row;
    }

    private static string Table(RealDataSet set, RealDataSplit split, IReadOnlyList<RealResult> rows)
    {
        var lines = new List<string>
        {
            $"### {set.Name} ({set.Description}; {split.TrainRows} train / {split.TestRows} test rows)",
            "",
            $"| model | {string.Join(" | ", set.Metrics)} | seeds | seconds (mean) | notes |",
            $"|---|{string.Concat(set.Metrics.Select(_ => "---|"))}---|---|---|",
        };
        foreach (var group in rows.GroupBy(r => r.Name))
        {
            var done = group.Where(r => r.Metrics.Count > 0).ToList();
            string cells = string.Join(" | ", set.Metrics.Select(m => done.Count == 0 ? "–" : MeanSd(done.Select(r => r.Metrics[m]).ToList())));
            string notes = string.Join("<br>", group.Where(r => r.Note != null).Select(r => (group.Count() > 1 ? $"seed {r.Seed}: " : "") + r.Note).Distinct());
            lines.Add($"| {group.Key} | {cells} | {done.Count} | {(done.Count == 0 ? "–" : done.Average(r => r.Seconds).ToString("F0", CultureInfo.InvariantCulture))} | {notes} |");
        }
        return string.Join('\n', lines) + "\n";
    }

    private static string MeanSd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        if (values.Count < 2) return mean.ToString("F4", CultureInfo.InvariantCulture);
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F4} ± {sd:F4}");
    }

    private static IEnumerable<string> Values(string[] args, string name)
    {
        for (int i = 0; i < args.Length - 1; i++)
            if (args[i] == name) yield return args[i + 1];
    }

    private static TimeSpan Duration(string text) =>
        text.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : throw new ArgumentException($"A budget needs a unit, e.g. 90s or 2m (was '{text}').");

    private static string Format(TimeSpan budget) => budget.TotalSeconds % 60 == 0 ? $"{budget.TotalMinutes:0} min" : $"{budget.TotalSeconds:0} s";

    /// <summary>One training or search, scored on the test rows.</summary>
    private sealed record RealResult(string Name, int Seed, IReadOnlyDictionary<string, double> Metrics, double Seconds, string? Note)
    {
        public double? ValidationBest { get; init; }
    }
}
