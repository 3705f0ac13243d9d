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
/// <c>--threads N</c> (intra-op threads, fixed for the process; default libtorch's, one per core).
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
        TorchRuntime.SetIntraOpThreads(threads);

        string folder = Path.Combine(Path.GetTempPath(), "cnn-mlnet-profile-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            return Measure(folder, seconds, trainingRows, rounds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Measure(string folder, double seconds, int trainingRows, int rounds)
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

        var reads = new List<(string Order, double Memory, double BigWig)>();
        foreach (bool shuffled in new[] { false, true })
        {
            Pass(fromMemory, shuffled, 1);
            Pass(fromBigWig, shuffled, 1);
            long memoryRows = 0, bigWigRows = 0;
            double memorySeconds = 0, bigWigSeconds = 0;
            for (int round = 0; round < 3; round++)
            {
                (long r, double s) = Timed(fromMemory, shuffled, seconds / 6);
                memoryRows += r; memorySeconds += s;
                (r, s) = Timed(fromBigWig, shuffled, seconds / 6);
                bigWigRows += r; bigWigSeconds += s;
            }
            reads.Add((shuffled ? "shuffled (the view's permutation)" : "row order (peaks by position, then background)", memoryRows / memorySeconds, bigWigRows / bigWigSeconds));
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
        // Warm-up: TorchSharp, the kernels and the trainer's code paths, outside every clock.
        Train(ml, encoder, ml.Data.TakeRows(trainMemory, 32), 2, 16);
        var training = new List<(string Trunk, double Memory, double BigWig, double EncodedMemory, double EncodedBigWig)>();
        foreach (var (layers, filters) in new[] { (9, 64), (4, 32) })
        {
            double memorySeconds = double.MaxValue, bigWigSeconds = double.MaxValue;
            for (int round = 0; round < (layers == 9 ? rounds : 3 * rounds); round++)
            {
                memorySeconds = Math.Min(memorySeconds, Train(ml, encoder, trainMemory, layers, filters));
                bigWigSeconds = Math.Min(bigWigSeconds, Train(ml, encoder, trainBigWig, layers, filters));
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  BPNet {layers} × {filters}: memory {memorySeconds:F1} s, bigWig {bigWigSeconds:F1} s"));
            training.Add(($"BPNet {layers} layers × {filters} filters", epochRows / memorySeconds, epochRows / bigWigSeconds,
                EncodedPerSecond(encoder.Transform(trainMemory)), EncodedPerSecond(encoder.Transform(trainBigWig))));
        }

        Print(rows, reads, memory, epochRows, training);
        return 0;
    }

    private static void Print(long rows, List<(string Order, double Memory, double BigWig)> reads, List<MemoryGrowth> memory, long epochRows,
        List<(string Trunk, double Memory, double BigWig, double EncodedMemory, double EncodedBigWig)> training)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"data path: Sequence + Label of all {rows:N0} rows per pass");
        Console.WriteLine("order\tin-memory windows/s\tbigWig windows/s\tbigWig ÷ in-memory");
        foreach (var (order, m, b) in reads)
            Console.WriteLine(string.Create(c, $"{order}\t{m:F0}\t{b:F0}\t{b / m:F3}"));

        Console.WriteLine();
        Console.WriteLine("bounded memory: every window of a genome tiling from the bigWigs (Build + one pass), peak growth over the state before Build");
        Console.WriteLine("tiling stride\twindows\tseconds\twindows/s\tpeak working-set growth MiB\tpeak managed-heap growth MiB\tmanaged heap retained after the pass MiB\tretained bytes/window");
        foreach (var g in memory)
            Console.WriteLine(string.Create(c, $"{g.Stride}\t{g.Windows:N0}\t{g.Seconds:F1}\t{g.Windows / g.Seconds:F0}\t{Mib(g.WorkingSet):F1}\t{Mib(g.Managed):F1}\t{Mib(g.Retained):F1}\t{(double)g.Retained / g.Windows:F0}"));
        foreach (var g in memory.Skip(1))
            Console.WriteLine(string.Create(c,
                $"× {(double)g.Windows / memory[0].Windows:F1} the windows of stride {memory[0].Stride}: peak working-set growth × {Ratio(g.WorkingSet, memory[0].WorkingSet)}, peak managed-heap growth × {Ratio(g.Managed, memory[0].Managed)}"));

        Console.WriteLine();
        Console.WriteLine($"training: one epoch of CnnProfile (stranded, {epochRows:N0} windows, one-hot 1,000 bp), fit time including its passes over the data");
        Console.WriteLine("trunk\tin-memory windows/s\tbigWig windows/s\tbigWig ÷ in-memory\tbigWig epoch time beyond in-memory\tencoded rows/s (read only): in-memory\tbigWig\textra read time ÷ bigWig epoch");
        foreach (var (trunk, m, b, em, eb) in training)
            Console.WriteLine(string.Create(c, $"{trunk}\t{m:F1}\t{b:F1}\t{b / m:F3}\t{1 - b / m:P1}\t{em:F0}\t{eb:F0}\t{(1 / eb - 1 / em) * b:P2}"));
    }

    private static string Ratio(long a, long b) => b > 0 ? ((double)a / b).ToString("F2", CultureInfo.InvariantCulture) : "–";

    private static double Train(MLContext ml, ITransformer encoder, IDataView data, int layers, int filters)
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
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(encoded);
        double elapsed = clock.Elapsed.TotalSeconds;
        model.Model.Dispose();
        return elapsed;
    }

    // Rows/s of reading Features and Label of the encoded rows once (what training reads, without the network).
    private static double EncodedPerSecond(IDataView encoded)
    {
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
        return n / clock.Elapsed.TotalSeconds;
    }

    // Whole passes until the time is up: (rows, seconds).
    private static (long Rows, double Seconds) Timed(IDataView data, bool shuffled, double seconds)
    {
        long rows = 0;
        var clock = Stopwatch.StartNew();
        int pass = 0;
        do rows += Pass(data, shuffled, ++pass);
        while (clock.Elapsed.TotalSeconds < seconds);
        return (rows, clock.Elapsed.TotalSeconds);
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
