using System.Diagnostics;
using System.Globalization;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;

namespace Cnn.MLNet.Benchmarks.Profiles;

/// <summary>
/// Profile (BPNet-style) training data streamed from bigWig files against the same data from
/// in-memory tracks, measured in the same run. A seeded <see cref="ProfileSimulator"/> data set
/// (6 × 2 Mb, 3,000 peaks by default) is written as a plus and a minus bigWig
/// (<see cref="BigWigWriter.WriteTrack"/>) in a temporary folder and opened again
/// (<see cref="CoverageTracks.Open"/>); the baseline is the simulation's own
/// <see cref="InMemoryCoverageTrack"/>s. Three measurements:
/// <list type="number">
/// <item>The data path alone: windows/s of a cursor reading <c>Sequence</c> and <c>Label</c> of every
/// row of <see cref="ProfileTrainingData.Build"/> (1,000 bp in and out, stranded, 10 % background),
/// in row order and in the view's own shuffled order, bigWig and in-memory passes interleaved.</item>
/// <item>Bounded memory: peak growth of the working set and of the managed heap while every window of
/// a genome tiling is read from the bigWigs, for tilings of 3,000, 30,000 and 300,000 windows.</item>
/// <item>Training: windows/s of one epoch of <c>CnnProfile</c> (BPNet 9 × 64 and a smaller 4 × 32
/// trunk) on one-hot rows, from the bigWigs and from memory, so the share of training time that goes
/// to reading the tracks is visible.</item>
/// </list>
/// </summary>
/// <remarks>
/// Arguments (after <c>--profiles</c>): <c>--seconds S</c> (time per data-path measurement, default 6,
/// split over three interleaved rounds), <c>--rows N</c> (windows per training epoch, default 256:
/// BPNet 9 × 64 trains at a few windows/s on two cores), <c>--rounds R</c> (fits of BPNet 9 × 64 per
/// source, default 1, and three times as many of the quick 4 × 32 trunk; the fastest is kept),
/// <c>--small-trunk-only</c> (train only the 4 × 32 trunk), <c>--threads N</c> (intra-op threads, fixed for the process; default libtorch's, one per core).
/// Reached through <c>dotnet run -c Release --project bench -- --profiles</c>.
/// </remarks>
public static class ProfileStreamingBenchmark
{
    /// <summary>Simulated chromosomes.</summary>
    public const int Chromosomes = 6;

    /// <summary>Bases per simulated chromosome.</summary>
    public const int ChromosomeLength = 2_000_000;

    /// <summary>Peaks per simulated chromosome.</summary>
    public const int PeaksPerChromosome = 500;

    /// <summary>Input and output window, in bases.</summary>
    public const int Window = 1000;

    /// <summary>Stride of the smallest genome tiling of the memory check (the others stride a tenth and a hundredth of it).</summary>
    public const int TilingStride = 4000;

    /// <summary>Simulates, writes the bigWigs, measures; prints the report; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        double seconds = Value(args, "--seconds") ?? 6;
        int trainingRows = (int)(Value(args, "--rows") ?? 256);
        int rounds = (int)(Value(args, "--rounds") ?? 1);
        int threads = (int)(Value(args, "--threads") ?? torch.get_num_threads());
        bool smallOnly = args.Contains("--small-trunk-only");
        TorchRuntime.SetIntraOpThreads(threads);

        string folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-profile-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            return Measure(folder, seconds, trainingRows, rounds, smallOnly);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Measure(string folder, double seconds, int trainingRows, int rounds, bool smallOnly)
    {
        var clock = Stopwatch.StartNew();
        using var simulation = ProfileSimulator.Generate(new ProfileSimulator.Options
        {
            ChromosomeCount = Chromosomes,
            ChromosomeLength = ChromosomeLength,
            PeaksPerChromosome = PeaksPerChromosome,
            Seed = 1,
        });
        double simulated = clock.Elapsed.TotalSeconds;
        string plusPath = Path.Combine(folder, "plus.bw"), minusPath = Path.Combine(folder, "minus.bw");
        clock.Restart();
        BigWigWriter.WriteTrack(plusPath, simulation.Plus);
        BigWigWriter.WriteTrack(minusPath, simulation.Minus);
        double written = clock.Elapsed.TotalSeconds;
        using var plus = CoverageTracks.Open(plusPath);
        using var minus = CoverageTracks.Open(minusPath);
        var genome = simulation.Genome;
        long bases = (long)Chromosomes * ChromosomeLength;

        Console.WriteLine($"// profiles: intra-op threads {torch.get_num_threads()} (fixed for the process), {Environment.ProcessorCount} logical cores, load average {LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// simulated {Chromosomes} × {ChromosomeLength:N0} bp, {simulation.Peaks.Count:N0} peaks (seed 1) in {simulated:F1} s; "
            + $"bigWigs written in {written:F1} s: plus {Mib(new FileInfo(plusPath).Length):F1} MiB, minus {Mib(new FileInfo(minusPath).Length):F1} MiB "
            + $"(in memory: {Mib(bases * 2 * sizeof(float)):F0} MiB of float values)"));

        // 1. The data path: Sequence + Label of every row, bigWig against in-memory tracks.
        string peaksBed = Path.Combine(folder, "peaks.bed");
        WriteBed(peaksBed, simulation.Peaks.Select(p => (p.Chromosome, p.Start, p.End)));
        var ml = new MLContext(seed: 1);
        ProfileTrainingOptions Options(string bed, ICoverageTrack p, ICoverageTrack m, double background = 0.1) => new()
        {
            BedPath = bed,
            Length = Window,
            OutputLength = Window,
            StrandedTracks = (p, m),
            BackgroundFraction = background,
        };
        var (fromMemory, memoryReport) = ProfileTrainingData.Build(ml, genome, Options(peaksBed, simulation.Plus, simulation.Minus));
        clock.Restart();
        var (fromBigWig, bigWigReport) = ProfileTrainingData.Build(ml, genome, Options(peaksBed, plus, minus));
        double built = clock.Elapsed.TotalSeconds;
        long rows = fromBigWig.GetRowCount() ?? 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// data: {bigWigReport.Peaks:N0} peak + {bigWigReport.BackgroundRows:N0} background windows; Build from bigWig {built:F1} s (reads every peak's label once); "
            + $"same peak totals: {memoryReport.PeakTotalAllTracks.Mean == bigWigReport.PeakTotalAllTracks.Mean}"));
        if (!SameRows(fromMemory, fromBigWig, 200))
        {
            Console.Error.WriteLine("The bigWig rows differ from the in-memory rows: the comparison would be meaningless.");
            return 1;
        }

        var reads = new List<(string Order, Rate Memory, Rate BigWig)>();
        foreach (bool shuffled in new[] { false, true })
        {
            Pass(fromMemory, shuffled, 1);
            Pass(fromBigWig, shuffled, 1);
            var memoryRate = new Rate(0, 0, 0);
            var bigWigRate = new Rate(0, 0, 0);
            for (int round = 0; round < 3; round++)
            {
                memoryRate += Timed(fromMemory, shuffled, seconds / 6);
                bigWigRate += Timed(fromBigWig, shuffled, seconds / 6);
            }
            reads.Add((shuffled ? "shuffled (the view's permutation)" : "row order (peaks by position, then background)", memoryRate, bigWigRate));
        }

        // 2. Bounded memory: every window of a genome tiling, and of one with ten times the windows.
        var memory = new List<MemoryGrowth>();
        foreach (int stride in new[] { TilingStride, TilingStride / 10, TilingStride / 100 })
        {
            string bed = Path.Combine(folder, $"tiles{stride}.bed");
            WriteBed(bed, Tiles(genome, stride));
            memory.Add(MemoryGrowth.Measure(ml, genome, Options(bed, plus, minus, background: 0), stride));
        }

        // 3. Training: one epoch of CnnProfile, from the bigWigs and from memory.
        string trainingBed = Path.Combine(folder, "training.bed");
        int trainingPeaks = (int)Math.Round(trainingRows / 1.1);
        int every = Math.Max(1, simulation.Peaks.Count / trainingPeaks);
        WriteBed(trainingBed, simulation.Peaks.Where((_, i) => i % every == 0).Take(trainingPeaks).Select(p => (p.Chromosome, p.Start, p.End)));
        var trainMemory = ProfileTrainingData.Build(ml, genome, Options(trainingBed, simulation.Plus, simulation.Minus)).Data;
        var trainBigWig = ProfileTrainingData.Build(ml, genome, Options(trainingBed, plus, minus)).Data;
        long epochRows = trainBigWig.GetRowCount() ?? 0;
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", ProfileColumns.Sequence, length: Window).Fit(trainMemory);
        var training = new List<(string Trunk, Rate Memory, Rate BigWig, Rate EncodedMemory, Rate EncodedBigWig)>();
        foreach (var (layers, filters) in smallOnly ? new[] { (4, 32) } : new[] { (9, 64), (4, 32) })
        {
            // Warm-up on 32 rows of each source: TorchSharp, this trunk's kernels, the allocator and the
            // trainer's code paths, outside every clock (the first fit of a trunk was the slowest).
            Train(ml, encoder, ml.Data.TakeRows(trainMemory, 32), layers, filters, "in-memory, 32 rows (warm-up)");
            Train(ml, encoder, ml.Data.TakeRows(trainBigWig, 32), layers, filters, "bigWig, 32 rows (warm-up)");
            Rate? fromMemoryRate = null, fromBigWigRate = null;
            for (int round = 0; round < (layers == 9 ? rounds : 3 * rounds); round++)
            {
                // Alternating which source goes first, so neither always follows the other.
                bool bigWigFirst = round % 2 == 1;
                if (bigWigFirst) fromBigWigRate = Rate.Best(fromBigWigRate, Train(ml, encoder, trainBigWig, layers, filters, "bigWig"));
                fromMemoryRate = Rate.Best(fromMemoryRate, Train(ml, encoder, trainMemory, layers, filters, "in-memory"));
                if (!bigWigFirst) fromBigWigRate = Rate.Best(fromBigWigRate, Train(ml, encoder, trainBigWig, layers, filters, "bigWig"));
            }
            training.Add(($"BPNet {layers} layers × {filters} filters", fromMemoryRate!, fromBigWigRate!,
                ReadEncoded(encoder.Transform(trainMemory)), ReadEncoded(encoder.Transform(trainBigWig))));
        }

        Print(rows, reads, memory, epochRows, training);
        return 0;
    }

    private static void Print(long rows, List<(string Order, Rate Memory, Rate BigWig)> reads, List<MemoryGrowth> memory, long epochRows,
        List<(string Trunk, Rate Memory, Rate BigWig, Rate EncodedMemory, Rate EncodedBigWig)> training)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"data path: Sequence + Label of all {rows:N0} rows per pass");
        Console.WriteLine("order\tin-memory windows/s\tbigWig windows/s\tbigWig ÷ in-memory\tper CPU-second: in-memory\tbigWig\tbigWig ÷ in-memory");
        foreach (var (order, m, b) in reads)
            Console.WriteLine(string.Create(c, $"{order}\t{m.PerSecond:F0}\t{b.PerSecond:F0}\t{b.PerSecond / m.PerSecond:F3}\t{m.PerCpuSecond:F0}\t{b.PerCpuSecond:F0}\t{b.PerCpuSecond / m.PerCpuSecond:F3}"));

        Console.WriteLine();
        Console.WriteLine("bounded memory: every window of a genome tiling from the bigWigs; peak growth during Build over the state before it, and during one pass over the state after Build");
        Console.WriteLine("tiling stride\twindows\tpass seconds\tpass windows/s\tBuild: peak working-set growth MiB\tpeak managed growth MiB\tview retained MiB (bytes/window)\t"
            + "pass: peak working-set growth MiB\tpeak managed growth MiB\tretained after the pass MiB");
        foreach (var g in memory)
            Console.WriteLine(string.Create(c, $"{g.Stride}\t{g.Windows:N0}\t{g.Seconds:F1}\t{g.Windows / g.Seconds:F0}\t{Mib(g.BuildWorkingSet):F1}\t{Mib(g.BuildManaged):F1}\t"
                + $"{Mib(g.ViewRetained):F1} ({(double)g.ViewRetained / g.Windows:F0})\t{Mib(g.PassWorkingSet):F1}\t{Mib(g.PassManaged):F1}\t{Mib(g.PassRetained):F2}"));
        foreach (var g in memory.Skip(1))
            Console.WriteLine(string.Create(c,
                $"× {(double)g.Windows / memory[0].Windows:F1} the windows of stride {memory[0].Stride}: pass peak working-set growth × {Ratio(g.PassWorkingSet, memory[0].PassWorkingSet)}, "
                + $"pass peak managed growth × {Ratio(g.PassManaged, memory[0].PassManaged)}; Build peak working-set growth × {Ratio(g.BuildWorkingSet, memory[0].BuildWorkingSet)}, view retained × {Ratio(g.ViewRetained, memory[0].ViewRetained)}"));

        Console.WriteLine();
        Console.WriteLine($"training: one epoch of CnnProfile (stranded, {epochRows:N0} windows, one-hot 1,000 bp), fit time including its passes over the data");
        Console.WriteLine("trunk\tin-memory windows/s\tbigWig windows/s\tbigWig ÷ in-memory\tper CPU-second: in-memory\tbigWig\tbigWig ÷ in-memory\t"
            + "encoded rows per CPU-second, read only: in-memory\tbigWig\textra read CPU time ÷ bigWig epoch CPU time");
        foreach (var (trunk, m, b, em, eb) in training)
            Console.WriteLine(string.Create(c, $"{trunk}\t{m.PerSecond:F1}\t{b.PerSecond:F1}\t{b.PerSecond / m.PerSecond:F3}\t{m.PerCpuSecond:F1}\t{b.PerCpuSecond:F1}\t{b.PerCpuSecond / m.PerCpuSecond:F3}\t"
                + $"{em.PerCpuSecond:F0}\t{eb.PerCpuSecond:F0}\t{(1 / eb.PerCpuSecond - 1 / em.PerCpuSecond) * b.PerCpuSecond:P2}"));
    }

    private static string Ratio(long a, long b) => b > 0 ? ((double)a / b).ToString("F2", CultureInfo.InvariantCulture) : "–";

    private static Rate Train(MLContext ml, ITransformer encoder, IDataView data, int layers, int filters, string source)
    {
        var encoded = encoder.Transform(data);
        var trainer = ml.Regression.Trainers.CnnProfile(new CnnProfileTrainer.Options
        {
            Network = NetworkPresets.BPNet(Window, layers: layers, filters: filters),
            OutputLength = Window,
            Stranded = true,
            Epochs = 1,
            Seed = 1,
        });
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(encoded);
        var rate = new Rate(data.GetRowCount() ?? 0, clock.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  fit BPNet {layers} × {filters} from {source}: {rate.Seconds:F2} s, {rate.CpuSeconds:F2} CPU-s"));
        model.Model.Dispose();
        return rate;
    }

    // Reading Features and Label of the encoded rows once (what training reads, without the network).
    private static Rate ReadEncoded(IDataView encoded)
    {
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        using var cursor = encoded.GetRowCursor([encoded.Schema["Features"], encoded.Schema[ProfileColumns.Label]]);
        var features = cursor.GetGetter<VBuffer<float>>(encoded.Schema["Features"]);
        var label = cursor.GetGetter<VBuffer<float>>(encoded.Schema[ProfileColumns.Label]);
        VBuffer<float> f = default, l = default;
        long n = 0;
        while (cursor.MoveNext())
        {
            features(ref f);
            label(ref l);
            n++;
        }
        return new Rate(n, clock.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds);
    }

    // Whole passes until the time is up.
    private static Rate Timed(IDataView data, bool shuffled, double seconds)
    {
        long rows = 0;
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        int pass = 0;
        do rows += Pass(data, shuffled, ++pass);
        while (clock.Elapsed.TotalSeconds < seconds);
        return new Rate(rows, clock.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds);
    }

    // The process's CPU time, every thread: on a loaded machine it moves far less than the wall clock.
    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    // One pass over Sequence and Label; returns the rows read.
    internal static long Pass(IDataView data, bool shuffled, int seed, Action<long>? every256 = null)
    {
        var sequence = data.Schema[ProfileColumns.Sequence];
        var labelColumn = data.Schema[ProfileColumns.Label];
        using var cursor = data.GetRowCursor([sequence, labelColumn], shuffled ? new Random(seed) : null);
        var getSequence = cursor.GetGetter<ReadOnlyMemory<char>>(sequence);
        var getLabel = cursor.GetGetter<VBuffer<float>>(labelColumn);
        ReadOnlyMemory<char> text = default;
        VBuffer<float> label = default;
        long rows = 0;
        float sum = 0;
        while (cursor.MoveNext())
        {
            getSequence(ref text);
            getLabel(ref label);
            sum += label.GetValues()[0] + text.Length;
            if ((++rows & 255) == 0) every256?.Invoke(rows);
        }
        GC.KeepAlive(sum);
        return rows;
    }

    // The first rows of both views, compared value by value.
    private static bool SameRows(IDataView a, IDataView b, int count)
    {
        var sa = a.Preview(count).RowView;
        var sb = b.Preview(count).RowView;
        for (int r = 0; r < sa.Length; r++)
        {
            var la = (VBuffer<float>)sa[r].Values.First(v => v.Key == ProfileColumns.Label).Value;
            var lb = (VBuffer<float>)sb[r].Values.First(v => v.Key == ProfileColumns.Label).Value;
            var qa = sa[r].Values.First(v => v.Key == ProfileColumns.Sequence).Value.ToString();
            var qb = sb[r].Values.First(v => v.Key == ProfileColumns.Sequence).Value.ToString();
            if (qa != qb || !la.DenseValues().SequenceEqual(lb.DenseValues())) return false;
        }
        return sa.Length == sb.Length && sa.Length > 0;
    }

    private static IEnumerable<(string Chromosome, long Start, long End)> Tiles(Genome genome, int stride)
    {
        foreach (string chromosome in genome.Chromosomes)
            for (long start = 0; start + Window <= genome.LengthOf(chromosome); start += stride)
                yield return (chromosome, start, start + Window);
    }

    private static void WriteBed(string path, IEnumerable<(string Chromosome, long Start, long End)> intervals) =>
        File.WriteAllLines(path, intervals.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Chromosome}\t{i.Start}\t{i.End}")));

    private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    private static double? Value(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }
}
