using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Cnn.MLNet.Benchmarks.Suite;

/// <summary>
/// <c>--paired</c>: ratios that survive a shared, noisy machine. BenchmarkDotNet measures one
/// method completely, then the next, so when the host's load changes between them (it does here,
/// within seconds) the ratio moves with it. This runner interleaves instead: in every round each
/// method of a class (the baseline included) runs for a short slice, alternating the order from
/// round to round, and the ratio of that round is taken between slices measured seconds apart.
/// The median of the per-round ratios, with its quartiles, is the reported figure.
/// <para>
/// With <c>--threads 1,2</c> every round also runs every method under each intra-op thread count
/// (<c>torch.set_num_threads</c> between slices), so thread scaling is a paired ratio too.
/// </para>
/// It reuses the BenchmarkDotNet classes as they are: <c>[GlobalSetup]</c>/<c>[GlobalCleanup]</c>,
/// <c>[Benchmark(Baseline, OperationsPerInvoke)]</c>, <c>[BenchmarkCategory]</c> for the baseline's
/// group, and the units of <see cref="BenchmarkJson"/>. It is a stopwatch harness: no outlier
/// removal, no overhead subtraction (every benchmark here does at least microseconds per invocation).
/// </summary>
public static class PairedRunner
{
    /// <summary>Paired-run settings from the command line.</summary>
    public sealed record Settings(string Filter, int Rounds, int SliceMilliseconds, int[] Threads);

    /// <summary>Parses <c>--filter</c>, <c>--rounds</c>, <c>--slice-ms</c>, <c>--threads</c> (comma-separated), with quick defaults when <paramref name="quick"/>.</summary>
    public static Settings Parse(IReadOnlyList<string> args, bool quick)
    {
        string filter = "*";
        int rounds = quick ? 5 : 15, slice = quick ? 100 : 250;
        int[] threads = [torch.get_num_threads()];
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--filter" or "-f": filter = Next(); break;
                case "--rounds": rounds = int.Parse(Next()); break;
                case "--slice-ms": slice = int.Parse(Next()); break;
                case "--threads": threads = Next().Split(',').Select(int.Parse).ToArray(); break;
                default: throw new ArgumentException($"--paired does not take '{args[i]}' (it takes --filter, --rounds, --slice-ms, --threads).");
            }
        }
        if (rounds < 1 || slice < 1 || threads.Length == 0 || threads.Any(t => t < 1))
            throw new ArgumentException("--rounds, --slice-ms and every --threads value must be at least 1.");
        return new Settings(filter, rounds, slice, threads);
    }

    /// <summary>Runs every matching class; prints a table per class and the JSON lines; returns the exit code.</summary>
    public static int Run(Settings settings)
    {
        var pattern = new Regex("^" + Regex.Escape(settings.Filter).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
        var classes = typeof(PairedRunner).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && Methods(t).Any())
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        int before = torch.get_num_threads();
        Console.WriteLine($"// Paired mode: {settings.Rounds} rounds, {settings.SliceMilliseconds} ms slices, intra-op threads {string.Join(",", settings.Threads)}");
        var lines = new List<BenchmarkJsonLine>();
        bool failed = false;
        try
        {
            foreach (var type in classes)
            {
                var methods = Methods(type).Where(m => pattern.IsMatch(type.Name + "." + m.Name) || pattern.IsMatch(type.FullName + "." + m.Name)).ToList();
                if (methods.Count == 0) continue;
                try
                {
                    lines.AddRange(RunClass(type, methods, settings));
                }
                catch (Exception e)
                {
                    // One broken class must not hide the others' results.
                    failed = true;
                    var inner = e is TargetInvocationException { InnerException: { } cause } ? cause : e;
                    Console.WriteLine($"// {type.Name} failed: {inner.GetType().Name}: {inner.Message}");
                    lines.AddRange(methods.Select(m => new BenchmarkJsonLine(type.Name + "." + m.Name, null, BenchmarkJson.Unit(type).Unit, null, null)));
                }
            }
        }
        finally
        {
            torch.set_num_threads(before);
        }
        Console.WriteLine();
        Console.WriteLine(BenchmarkJson.Marker);
        foreach (var line in lines) Console.WriteLine(BenchmarkJson.Serialize(line));
        return failed || lines.Count == 0 ? 1 : 0;
    }

    private static IEnumerable<MethodInfo> Methods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<BenchmarkAttribute>() != null);

    private static List<BenchmarkJsonLine> RunClass(Type type, List<MethodInfo> selected, Settings settings)
    {
        // A selected method's baseline runs too, even when the filter left it out.
        var all = Methods(type).ToList();
        var runs = selected.Union(selected.Select(m => BaselineOf(all, m)).OfType<MethodInfo>()).ToList();
        object instance = Activator.CreateInstance(type)!;
        Invoke<GlobalSetupAttribute>(instance, runs);
        try
        {
            Console.WriteLine();
            Console.WriteLine($"// {type.Name}");
            // samples[(method, threads)] = ns per operation, one per round.
            var samples = runs.SelectMany(m => settings.Threads.Select(t => (m, t))).ToDictionary(k => k, _ => new List<double>());
            foreach (var t in settings.Threads)
            {
                torch.set_num_threads(t);
                foreach (var method in runs) Slice(instance, method, settings.SliceMilliseconds); // warm-up
            }
            for (int round = 0; round < settings.Rounds; round++)
            {
                var order = runs.SelectMany(m => settings.Threads.Select(t => (m, t))).ToList();
                if (round % 2 == 1) order.Reverse();
                foreach (var (method, threads) in order)
                {
                    torch.set_num_threads(threads);
                    samples[(method, threads)].Add(Slice(instance, method, settings.SliceMilliseconds));
                }
            }
            return Report(type, selected, all, samples, settings);
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(instance, runs);
        }
    }

    // Nanoseconds per operation over one slice: invocations until the slice's time is up (at least one).
    private static double Slice(object instance, MethodInfo method, int milliseconds)
    {
        int operations = method.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;
        long budget = milliseconds * Stopwatch.Frequency / 1000;
        long invocations = 0;
        long start = Stopwatch.GetTimestamp(), elapsed;
        do
        {
            method.Invoke(instance, null);
            invocations++;
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        while (elapsed < budget);
        return elapsed * 1e9 / Stopwatch.Frequency / (invocations * operations);
    }

    private static List<BenchmarkJsonLine> Report(Type type, List<MethodInfo> selected, List<MethodInfo> all,
        Dictionary<(MethodInfo, int), List<double>> samples, Settings settings)
    {
        var (unit, scale) = BenchmarkJson.Unit(type);
        bool flops = selected.Any(m => m.GetCustomAttribute<ModelFlopsAttribute>() != null);
        if (flops) unit = "fraction of matmul peak";
        var lines = new List<BenchmarkJsonLine>();
        int firstThreads = settings.Threads[0];
        Console.WriteLine($"| Method | threads | median {(unit == "ns" ? "ns" : unit)} | vs baseline (median) | q1–q3 | vs {firstThreads} thread(s) (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var method in selected)
        {
            var baseline = BaselineOf(all, method);
            foreach (int threads in settings.Threads)
            {
                var times = samples[(method, threads)];
                // Throughput ratios per round: baseline time ÷ this time (for FLOP benchmarks, FLOP/s ÷ the baseline's FLOP/s).
                var ratios = baseline is null ? [] : times.Select((t, i) => RoundRatio(samples[(baseline, threads)][i], t, baseline, method)).ToList();
                var scaling = times.Select((t, i) => samples[(method, firstThreads)][i] / t).ToList();
                double median = Median(times);
                double? value = flops ? (ratios.Count > 0 ? Median(ratios) : null) : unit == "ns" ? median : 1e9 / median * scale;
                double? ratio = ratios.Count > 0 ? Median(ratios) : null;
                string name = type.Name + "." + method.Name + (settings.Threads.Length > 1 ? $"(threads={threads})" : "");
                Console.WriteLine($"| {method.Name} | {threads} | {value:G5} | {Format(ratio)} | {(ratios.Count > 0 ? $"{Quantile(ratios, 0.25):F3}–{Quantile(ratios, 0.75):F3}" : "")} | {Median(scaling):F3} |");
                lines.Add(new BenchmarkJsonLine(name, value, unit, baseline is null ? null : type.Name + "." + baseline.Name, ratio)
                {
                    Threads = threads,
                    Rounds = times.Count,
                    RatioQ1 = ratios.Count > 0 ? Quantile(ratios, 0.25) : null,
                    RatioQ3 = ratios.Count > 0 ? Quantile(ratios, 0.75) : null,
                    Flops = flops && method.GetCustomAttribute<ModelFlopsAttribute>() is { } f ? f.FlopsPerOperation * 1e9 / median : null,
                });
            }
        }
        return lines;
    }

    private static double RoundRatio(double baselineNs, double ns, MethodInfo baseline, MethodInfo method)
    {
        if (method.GetCustomAttribute<ModelFlopsAttribute>() is { } f && baseline.GetCustomAttribute<ModelFlopsAttribute>() is { } b)
            return f.FlopsPerOperation / ns / (b.FlopsPerOperation / baselineNs);
        return baselineNs / ns;
    }

    private static string Format(double? ratio) => ratio is double r ? $"{r:F3} ×" : "";

    // The method marked Baseline in the same class and categories (the scan class has one per stride).
    private static MethodInfo? BaselineOf(List<MethodInfo> all, MethodInfo method) =>
        all.FirstOrDefault(m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline && Categories(m).SequenceEqual(Categories(method)));

    private static IEnumerable<string> Categories(MethodInfo method) =>
        method.GetCustomAttributes<BenchmarkCategoryAttribute>().SelectMany(a => a.Categories).Order(StringComparer.Ordinal);

    // Global setups and cleanups without a target, then those aimed at one of the methods that run.
    private static void Invoke<TAttribute>(object instance, List<MethodInfo> runs) where TAttribute : TargetedAttribute
    {
        foreach (var method in instance.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            var attribute = method.GetCustomAttribute<TAttribute>();
            if (attribute is null) continue;
            var targets = attribute.Targets ?? [];
            if (targets.Length == 0 || targets.Any(t => runs.Any(r => r.Name == t))) method.Invoke(instance, null);
        }
    }

    private static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    private static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position), high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
