using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;

namespace Cnn.MLNet.Benchmarks.Memory;

/// <summary>
/// Bounded memory: one epoch of training streamed from a sequence file, at two dataset sizes, each
/// in a fresh child process so that its peak resident set size (<c>VmHWM</c>) belongs to that run
/// alone. The pipeline is the public one, nothing cached:
/// <c>SequenceFiles.Load</c> → <c>OneHotEncodeSequence(length 200)</c> →
/// <c>BinaryClassification.Trainers.Cnn(Zou2019, Epochs = 1)</c> with the default shuffle pool.
/// </summary>
/// <remarks>
/// <para>
/// Arguments (after <c>--memory</c>): <c>--quick</c> (20,000 and 200,000 rows instead of 100,000 and
/// 1,000,000), <c>--sizes 100000,500000</c> (any sizes; the first is the baseline),
/// <c>--batch 128</c> (default 128), <c>--keep</c> (keep the generated files; they are printed).
/// Hidden: <c>--memory-child FILE ROWS BATCH</c> runs one training and prints one
/// <c>MEMORY-RESULT</c> line that the parent parses.
/// </para>
/// <para>
/// Threads: the child inherits the parent's environment, so <c>OMP_NUM_THREADS</c> (and
/// <c>CNN_MLNET_DEFAULT_MALLOC</c>) apply to it as they do to the parent; the child reports
/// libtorch's intra-op thread count. The child applies <see cref="NativeAllocatorTuning"/> as the
/// other benchmarks do (bench/Program.cs).
/// </para>
/// <para>
/// Reached through <c>dotnet run -c Release --project bench -- --memory</c>.
/// </para>
/// </remarks>
public static class MemoryScaling
{
    /// <summary>Bases per sequence.</summary>
    public const int Length = 200;

    /// <summary>The primer's motif, planted in every other row.</summary>
    public const string Motif = "CGACCGAACTCC";

    private const string ChildSwitch = "--memory-child";
    private const string ResultPrefix = "MEMORY-RESULT ";

    /// <summary>Runs the parent (generate, train in a child per size, report) or, with the hidden switch, the child.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        int child = Array.IndexOf(args, ChildSwitch);
        if (child >= 0)
        {
            if (args.Length < child + 4)
            {
                Console.Error.WriteLine($"{ChildSwitch} FILE ROWS BATCH");
                return 2;
            }
            return RunChild(args[child + 1], long.Parse(args[child + 2], CultureInfo.InvariantCulture), int.Parse(args[child + 3], CultureInfo.InvariantCulture));
        }
        return RunParent(args);
    }

    // ---------------------------------------------------------------- parent

    private sealed record Result(long Rows, long FileBytes, double GenerateSeconds, double WallSeconds, double FitSeconds,
        long PeakRssKiB, long RssBeforeFitKiB, long ManagedPeakBytes, long CommittedPeakBytes, long AllocatedBytes,
        int TorchThreads, double Loss, long RowsSeen);

    private static int RunParent(string[] args)
    {
        long[] sizes = args.Contains("--quick") ? [20_000, 200_000] : [100_000, 1_000_000];
        int sizesAt = Array.IndexOf(args, "--sizes");
        if (sizesAt >= 0 && sizesAt + 1 < args.Length)
            sizes = args[sizesAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s.Replace("_", ""), CultureInfo.InvariantCulture)).ToArray();
        int batch = 128;
        int batchAt = Array.IndexOf(args, "--batch");
        if (batchAt >= 0 && batchAt + 1 < args.Length) batch = int.Parse(args[batchAt + 1], CultureInfo.InvariantCulture);
        bool keep = args.Contains("--keep");

        Console.WriteLine($"// Bounded memory: one streamed epoch per size in a fresh child process; {Length}-bp TSV, Zou2019, batch {batch}, default shuffle pool (10,000 rows)");
        Console.WriteLine($"// OMP_NUM_THREADS={Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "(unset)"}, {Environment.ProcessorCount} logical cores; the child inherits the environment");

        string folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-memory-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var results = new List<Result>();
        try
        {
            foreach (long rows in sizes)
            {
                string file = Path.Combine(folder, $"sequences-{rows}.tsv");
                var generate = Stopwatch.StartNew();
                long bytes = WriteTsv(file, rows, seed: 7);
                generate.Stop();
                Console.WriteLine($"// N={rows:N0}: wrote {file} ({bytes / 1048576.0:F1} MiB) in {generate.Elapsed.TotalSeconds:F1} s; training one epoch in a child…");
                var result = RunChildProcess(file, rows, batch, out string error);
                if (!keep) File.Delete(file);
                if (result == null)
                {
                    Console.Error.WriteLine($"// N={rows:N0}: the child failed: {error}");
                    return 1;
                }
                result = result with { FileBytes = bytes, GenerateSeconds = generate.Elapsed.TotalSeconds };
                Console.WriteLine($"// N={rows:N0}: peak RSS {result.PeakRssKiB / 1024.0:F1} MiB, fit {result.FitSeconds:F1} s, {result.RowsSeen:N0} rows, loss {result.Loss:F4}, torch threads {result.TorchThreads}");
                results.Add(result);
            }
        }
        finally
        {
            if (!keep) Directory.Delete(folder, recursive: true);
        }

        Report(results);
        return 0;
    }

    private static void Report(List<Result> results)
    {
        var baseline = results[0];
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| N | file size | peak RSS (MiB) | RSS before Fit (MiB) | managed heap peak (MiB) | GC committed peak (MiB) | child wall time (s) | Fit time (s) | rows/s (Fit) | peak RSS ÷ baseline |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(inv,
                $"| {r.Rows:N0} | {r.FileBytes / 1048576.0:F1} MiB | {r.PeakRssKiB / 1024.0:F1} | {r.RssBeforeFitKiB / 1024.0:F1} | {r.ManagedPeakBytes / 1048576.0:F1} | {r.CommittedPeakBytes / 1048576.0:F1} | {r.WallSeconds:F1} | {r.FitSeconds:F1} | {r.Rows / r.FitSeconds:N0} | {(double)r.PeakRssKiB / baseline.PeakRssKiB:F3} |"));
        }
        var largest = results[^1];
        double ratio = (double)largest.PeakRssKiB / baseline.PeakRssKiB;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Peak RSS ratio N={largest.Rows:N0} / N={baseline.Rows:N0}: {ratio:F3} (target ≤ 1.2: {(ratio <= 1.2 ? "met" : "NOT met")})"));
        string baseName = $"MemoryScaling.OneEpoch.N={baseline.Rows.ToString(inv)}";
        foreach (var r in results)
        {
            double mib = r.PeakRssKiB / 1024.0;
            Console.WriteLine(string.Create(inv,
                $"{{\"name\":\"MemoryScaling.OneEpoch.N={r.Rows}\",\"value\":{mib:F1},\"unit\":\"MiB peak RSS\",\"baseline\":\"{baseName}\",\"ratio\":{mib / (baseline.PeakRssKiB / 1024.0):F3}}}"));
        }
    }

    /// <summary>Writes <paramref name="rows"/> random sequences with a header, streaming; even rows carry the motif.</summary>
    /// <returns>The file's size in bytes.</returns>
    public static long WriteTsv(string path, long rows, int seed)
    {
        var random = new Random(seed);
        var line = new char[Length + 3];
        line[Length] = '\t';
        line[Length + 2] = '\n';
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
        {
            writer.Write("Sequence\tLabel\n");
            for (long i = 0; i < rows; i++)
            {
                for (int p = 0; p < Length; p++) line[p] = "ACGT"[random.Next(4)];
                bool positive = i % 2 == 0;
                if (positive) Motif.CopyTo(0, line, random.Next(Length - Motif.Length + 1), Motif.Length);
                line[Length + 1] = positive ? '1' : '0';
                writer.Write(line);
            }
        }
        return new FileInfo(path).Length;
    }

    private static Result? RunChildProcess(string file, long rows, int batch, out string error)
    {
        var clock = Stopwatch.StartNew();
        var values = SelfChildProcess.Run(
            ["--memory", ChildSwitch, file, rows.ToString(CultureInfo.InvariantCulture), batch.ToString(CultureInfo.InvariantCulture)], ResultPrefix, out error);
        clock.Stop();
        if (values is null) return null;
        long L(string key) => long.Parse(values[key], CultureInfo.InvariantCulture);
        double D(string key) => double.Parse(values[key], CultureInfo.InvariantCulture);
        return new Result(rows, 0, 0, clock.Elapsed.TotalSeconds, D("fitSeconds"), L("vmHwmKiB"), L("rssBeforeFitKiB"),
            L("managedPeakBytes"), L("committedPeakBytes"), L("allocatedBytes"), (int)L("torchThreads"), D("loss"), L("rowsSeen"));
    }

    // ---------------------------------------------------------------- child

    private static int RunChild(string file, long rows, int batch)
    {
        Console.WriteLine(NativeAllocatorTuning.Apply());
        TorchRuntime.EnsureInitialized();
        var ml = new MLContext(seed: 1);
        var data = SequenceFiles.Load(ml, file, new SequenceFileOptions { LabelKind = SequenceLabelKind.Boolean });
        var reports = new List<EpochReport>();
        var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: Length)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
            {
                Network = NetworkPresets.Zou2019(),
                Epochs = 1,
                BatchSize = batch,
                LearningRate = 1e-3,
                Shuffle = true, // default pool: CnnTrainerOptions.ShufflePoolSize = 10,000
                Seed = 1,
                Progress = new SynchronousProgress(reports),
            }));

        long rssBefore = ReadStatusKiB("VmRSS");
        using var sampler = new Sampler();
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(data);
        clock.Stop();
        sampler.Stop();
        var last = reports.Count > 0 ? reports[^1] : null;
        model.LastTransformer.Model.Dispose();

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"{ResultPrefix}rows={rows} fitSeconds={clock.Elapsed.TotalSeconds:R} vmHwmKiB={ReadStatusKiB("VmHWM")} rssBeforeFitKiB={rssBefore} managedPeakBytes={sampler.ManagedPeak} committedPeakBytes={sampler.CommittedPeak} allocatedBytes={GC.GetTotalAllocatedBytes()} torchThreads={torch.get_num_threads()} loss={last?.TrainingLoss ?? double.NaN:R} rowsSeen={last?.Rows ?? 0}"));
        return 0;
    }

    /// <summary>A value from /proc/self/status in KiB (VmHWM: peak resident set; VmRSS: current); -1 off Linux.</summary>
    public static long ReadStatusKiB(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return -1;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], CultureInfo.InvariantCulture);
        }
        return -1;
    }

    /// <summary>Samples the managed heap every 100 ms, to say what part of the peak is managed.</summary>
    private sealed class Sampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public Sampler()
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "memory sampler" };
            _thread.Start();
        }

        public long ManagedPeak { get; private set; }
        public long CommittedPeak { get; private set; }

        private void Loop()
        {
            while (!_stop)
            {
                Sample();
                Thread.Sleep(100);
            }
            Sample();
        }

        private void Sample()
        {
            ManagedPeak = Math.Max(ManagedPeak, GC.GetTotalMemory(false));
            CommittedPeak = Math.Max(CommittedPeak, GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes);
        }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
        }

        public void Dispose() => Stop();
    }

    private sealed class SynchronousProgress(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }
}
