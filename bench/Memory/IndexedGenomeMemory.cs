using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks.Memory;

/// <summary>
/// Memory of genome-scale work on an indexed genome: an hg38-sized synthetic genome (24 chromosomes
/// with hg38's lengths, 3.1 Gb of random bases with soft-masked stretches and N runs), bgzip-compressed
/// and indexed, then each case in a fresh child process so that its peak resident set
/// (<c>VmHWM</c>) is its own: (a) baseline: a 1,000-bp Zou2019 model built, no genome; (b) a scan of
/// every chromosome at a coarse stride; (c) training windows: <see cref="PeakTrainingData"/> over a
/// few thousand BED peaks spread over all chromosomes with GC-matched negatives, every row's
/// sequence read; (d) variant scoring: 50,000 SNVs and small indels over all chromosomes, REF
/// checked and both alleles scored; and for contrast (e) the same genome loaded without its index,
/// read whole into memory. Reported: peak RSS beyond the baseline (target under 1 GB for (b)–(d)).
/// </summary>
/// <remarks>
/// <para>
/// Arguments (after <c>--genome-memory</c>): <c>--dir DIR</c> (default
/// <c>/tmp/cnn-mlnet-genome-memory</c>; the genome is generated there once and reused),
/// <c>--stride N</c> (scan stride, default 50,000), <c>--peaks N</c> (default 3,000),
/// <c>--cases a,b</c> (default all). Needs <c>bgzip</c> and <c>samtools</c> on PATH (Debian:
/// tabix, samtools); without samtools the index is built by <see cref="GenomeLoadOptions.BuildIndex"/>.
/// Hidden: <c>--genome-memory-child CASE DIR STRIDE</c> runs one case and prints one
/// <c>GENOME-MEMORY-RESULT</c> line.
/// </para>
/// <para>
/// New cases go into <see cref="Cases"/>:
/// a name and what the child does with the model and the genome; the parent runs every case.
/// </para>
/// </remarks>
public static class IndexedGenomeMemory
{
    /// <summary>Bases per model window.</summary>
    public const int Length = 1000;

    private const string ChildSwitch = "--genome-memory-child";
    private const string ResultPrefix = "GENOME-MEMORY-RESULT ";
    private const string Fasta = "genome.fa";

    // hg38 primary chromosome lengths (UCSC hg38.chrom.sizes).
    private static readonly (string Name, int Length)[] Hg38 =
    [
        ("chr1", 248_956_422), ("chr2", 242_193_529), ("chr3", 198_295_559), ("chr4", 190_214_555), ("chr5", 181_538_259),
        ("chr6", 170_805_979), ("chr7", 159_345_973), ("chr8", 145_138_636), ("chr9", 138_394_717), ("chr10", 133_797_422),
        ("chr11", 135_086_622), ("chr12", 133_275_309), ("chr13", 114_364_328), ("chr14", 107_043_718), ("chr15", 101_991_189),
        ("chr16", 90_338_345), ("chr17", 83_257_441), ("chr18", 80_373_285), ("chr19", 58_617_616), ("chr20", 64_444_167),
        ("chr21", 46_709_983), ("chr22", 50_818_468), ("chrX", 156_040_895), ("chrY", 57_227_415),
    ];

    /// <summary>
    /// The measured cases: name → what the child does (model pipeline, genome, folder, stride) and
    /// a count to report. The baseline loads no genome.
    /// </summary>
    private static readonly Dictionary<string, Func<MLContext, ITransformer, string, int, long>> Cases = new()
    {
        ["baseline"] = (_, _, _, _) => 0,
        ["scan"] = Scan,
        ["training-windows"] = TrainingWindows,
        ["variants"] = Variants,
        ["unindexed-load"] = UnindexedLoad,
    };

    /// <summary>Runs the parent (generate once, one child per case, report) or, with the hidden switch, one case.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        int child = Array.IndexOf(args, ChildSwitch);
        if (child >= 0)
            return RunChild(args[child + 1], args[child + 2], int.Parse(args[child + 3], CultureInfo.InvariantCulture));
        string Value(string name, string fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        string folder = Value("--dir", Path.Combine(Path.GetTempPath(), "cnn-mlnet-genome-memory"));
        int stride = int.Parse(Value("--stride", "50000"), CultureInfo.InvariantCulture);
        int peaks = int.Parse(Value("--peaks", "3000"), CultureInfo.InvariantCulture);
        string[] cases = Value("--cases", string.Join(',', Cases.Keys)).Split(',', StringSplitOptions.RemoveEmptyEntries);

        Directory.CreateDirectory(folder);
        Prepare(folder, peaks);
        Console.WriteLine($"// {Environment.ProcessorCount} logical cores, OMP_NUM_THREADS={Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "(unset)"}; stride {stride:N0}, {peaks:N0} peaks, model input {Length} bp");
        var results = new List<(string Case, long PeakKiB, double Seconds, long Count)>();
        foreach (string name in cases)
        {
            var clock = Stopwatch.StartNew();
            var values = RunChildProcess(name, folder, stride, out string error);
            if (values is null)
            {
                Console.Error.WriteLine($"// {name}: the child failed: {error}");
                return 1;
            }
            results.Add((name, long.Parse(values["vmHwmKiB"], CultureInfo.InvariantCulture), clock.Elapsed.TotalSeconds, long.Parse(values["count"], CultureInfo.InvariantCulture)));
            Console.WriteLine($"// {name}: peak RSS {results[^1].PeakKiB / 1024.0:F0} MiB, {results[^1].Count:N0} items, {results[^1].Seconds:F1} s");
        }

        long baseline = results.FirstOrDefault(r => r.Case == "baseline").PeakKiB;
        Console.WriteLine();
        Console.WriteLine("| case | items | child wall time (s) | peak RSS (MiB) | beyond baseline (MiB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Case} | {r.Count:N0} | {r.Seconds:F1} | {r.PeakKiB / 1024.0:F0} | {(r.PeakKiB - baseline) / 1024.0:F0} |"));
        long worst = results.Where(r => r.Case != "unindexed-load").Max(r => r.PeakKiB) - baseline;
        Console.WriteLine();
        Console.WriteLine($"Largest peak RSS beyond the baseline, indexed cases: {worst / 1024.0:F0} MiB (target < 1 GB: {(worst < 1024 * 1024 ? "met" : "NOT met")})");
        return 0;
    }

    // ---------------------------------------------------------------- genome

    private static void Prepare(string folder, int peaks)
    {
        string plain = Path.Combine(folder, Fasta), compressed = plain + ".gz";
        if (!File.Exists(compressed) || !File.Exists(compressed + ".gzi"))
        {
            var clock = Stopwatch.StartNew();
            long bytes = WriteGenome(plain, seed: 19);
            Console.WriteLine($"// wrote {plain} ({bytes / 1e9:F2} GB) in {clock.Elapsed.TotalSeconds:F0} s; bgzip -@2 -i …");
            clock.Restart();
            File.Delete(compressed);
            Tool("bgzip", folder, "-@", "2", "-i", "-f", plain); // replaces genome.fa with genome.fa.gz (+ .gzi)
            Console.WriteLine($"// bgzip: {new FileInfo(compressed).Length / 1e9:F2} GB in {clock.Elapsed.TotalSeconds:F0} s");
            File.Delete(compressed + ".fai");
        }
        if (!File.Exists(compressed + ".fai"))
        {
            var clock = Stopwatch.StartNew();
            if (FindTool("samtools") is not null) Tool("samtools", folder, "faidx", compressed);
            else Genome.Load(compressed, new GenomeLoadOptions { BuildIndex = true }).Dispose();
            Console.WriteLine($"// indexed in {clock.Elapsed.TotalSeconds:F0} s");
        }
        string bed = Path.Combine(folder, "peaks.bed");
        if (!File.Exists(bed) || File.ReadLines(bed).Count() != peaks)
        {
            var random = new Random(23);
            long total = Hg38.Sum(c => (long)c.Length);
            var lines = new List<(int Chromosome, long Start)>();
            for (int i = 0; i < peaks; i++)
            {
                long at = random.NextInt64(total);
                int c = 0;
                while (at >= Hg38[c].Length) at -= Hg38[c++].Length;
                at = Math.Clamp(at, 1_000_000, Hg38[c].Length - 1_000_000);
                if (at % 5_000_000 is > 2_490_000 and < 2_560_000) at += 100_000; // not in an N run (WriteGenome), where GC is undefined
                lines.Add((c, at));
            }
            File.WriteAllLines(bed, lines.OrderBy(l => l.Chromosome).ThenBy(l => l.Start)
                .Select(l => string.Create(CultureInfo.InvariantCulture, $"{Hg38[l.Chromosome].Name}\t{l.Start}\t{l.Start + 400}")));
        }
    }

    // Random bases, 60 per line; a lowercase (soft-masked) stretch every ~50 kb and N runs at both
    // ends (telomeres) and every ~5 Mb, so GC-matching and unknown-base checks have work to do.
    private static long WriteGenome(string path, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[1 << 16];
        var line = new byte[61];
        line[60] = (byte)'\n';
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        foreach (var (name, length) in Hg38)
        {
            file.Write(Encoding.ASCII.GetBytes($">{name}\n"));
            int used = bytes.Length;
            long lowercaseUntil = 0, unknownUntil = 10_000;
            for (long p = 0; p < length; p += 60)
            {
                int count = (int)Math.Min(60, length - p);
                for (int i = 0; i < count; i++)
                {
                    long at = p + i;
                    if (at % 50_000 == 0) lowercaseUntil = at + random.Next(300, 3_000);
                    if (at % 5_000_000 == 2_500_000) unknownUntil = at + random.Next(1_000, 50_000);
                    if (used == bytes.Length) { random.NextBytes(bytes); used = 0; }
                    byte b = "ACGT"u8[bytes[used++] & 3];
                    if (at < unknownUntil || at >= length - 10_000) b = (byte)'N';
                    else if (at < lowercaseUntil) b |= 0x20;
                    line[i] = b;
                }
                line[count] = (byte)'\n';
                file.Write(line, 0, count + 1);
                line[60] = (byte)'\n';
            }
        }
        return file.Length;
    }

    private static string? FindTool(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(f => Path.Combine(f, tool)).FirstOrDefault(File.Exists);

    private static void Tool(string tool, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindTool(tool) ?? throw new InvalidOperationException($"{tool} is not installed (apt-get install {(tool == "bgzip" ? "tabix" : tool)})."))
        {
            WorkingDirectory = folder,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
    }

    // ---------------------------------------------------------------- child

    private static int RunChild(string name, string folder, int stride)
    {
        Console.WriteLine(NativeAllocatorTuning.Apply());
        TorchRuntime.EnsureInitialized();
        var ml = new MLContext(seed: 1);
        var model = QuickModel(ml);
        var clock = Stopwatch.StartNew();
        long count = Cases[name](ml, model, folder, stride);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ResultPrefix}case={name} vmHwmKiB={MemoryScaling.ReadStatusKiB("VmHWM")} seconds={clock.Elapsed.TotalSeconds:R} count={count}"));
        return 0;
    }

    // A 1,000-bp Zou2019 trained for one epoch on 64 random rows: the memory of a real model of that input, in seconds.
    private static ITransformer QuickModel(MLContext ml)
    {
        var random = new Random(8);
        var rows = Enumerable.Range(0, 64).Select(i => new PrimerData.Row
        {
            Sequence = new string(Enumerable.Range(0, Length).Select(_ => "ACGT"[random.Next(4)]).ToArray()),
            Label = i % 2 == 0,
        }).ToList();
        return ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: Length)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Network = NetworkPresets.Zou2019(), Epochs = 1, BatchSize = 32, Seed = 1 }))
            .Fit(ml.Data.LoadFromEnumerable(rows));
    }

    private static Genome Open(string folder) => Genome.Load(Path.Combine(folder, Fasta + ".gz"));

    private static long Scan(MLContext ml, ITransformer model, string folder, int stride)
    {
        using var genome = Open(folder);
        if (!genome.IsIndexed) throw new InvalidOperationException("The genome was not opened through its index.");
        return GenomeScanner.Scan(ml, model, genome, new GenomeScanOptions { Stride = stride }, TextWriter.Null).Windows;
    }

    private static long TrainingWindows(MLContext ml, ITransformer model, string folder, int stride)
    {
        using var genome = Open(folder);
        var (data, report) = PeakTrainingData.Build(ml, genome, Path.Combine(folder, "peaks.bed"), Length, NegativeKind.GcMatched, seed: 1);
        Console.WriteLine(report.ToString().Replace('\n', ' '));
        long rows = 0, bases = 0;
        using var cursor = data.GetRowCursor(data.Schema);
        var sequence = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Sequence"]);
        ReadOnlyMemory<char> value = default;
        while (cursor.MoveNext())
        {
            sequence(ref value);
            rows++;
            bases += value.Length;
        }
        return rows;
    }

    // Variant scoring: 50,000 SNVs and small indels spread over every chromosome (REF read from the
    // genome when the VCF is first written), scored REF against ALT through the index.
    private static long Variants(MLContext ml, ITransformer model, string folder, int stride)
    {
        using var genome = Open(folder);
        if (!genome.IsIndexed) throw new InvalidOperationException("The genome was not opened through its index.");
        string vcf = Path.Combine(folder, "variants.vcf");
        if (!File.Exists(vcf)) WriteVariants(genome, vcf, count: 50_000);
        var report = VariantEffects.Write(ml, model, genome, vcf, new VariantEffectOptions(), TextWriter.Null, null, null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Scored:N0} of {report.Variants:N0} variants scored in {report.Elapsed.TotalSeconds:F1} s ({report.VariantsPerSecond:F0} variants/s)"));
        return report.Scored;
    }

    private static void WriteVariants(Genome genome, string path, int count)
    {
        var random = new Random(29);
        long total = Hg38.Sum(c => (long)c.Length);
        var sites = new List<(int Chromosome, long Position)>(count);
        while (sites.Count < count)
        {
            long at = random.NextInt64(total);
            int c = 0;
            while (at >= Hg38[c].Length) at -= Hg38[c++].Length;
            if (genome.Slice(Hg38[c].Name, at, 3).Contains('N', StringComparison.OrdinalIgnoreCase)) continue;
            sites.Add((c, at + 1));
        }
        using var writer = new StreamWriter(path);
        writer.WriteLine("##fileformat=VCFv4.2");
        writer.WriteLine("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        int k = 0;
        foreach (var (c, position) in sites.OrderBy(s => s.Chromosome).ThenBy(s => s.Position))
        {
            string name = Hg38[c].Name;
            int refLength = k % 10 == 9 ? 3 : 1; // every tenth a 2-base deletion
            string reference = genome.Slice(name, position - 1, refLength).ToUpperInvariant();
            string alt = refLength > 1 ? reference[..1] : k % 10 == 8 ? reference + "AC" : reference == "A" ? "G" : "A"; // and an insertion
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{position}\tv{k++}\t{reference}\t{alt}\t.\tPASS\t."));
        }
    }

    // For contrast: the same genome without its index (a link to it under another name) is read whole into memory.
    private static long UnindexedLoad(MLContext ml, ITransformer model, string folder, int stride)
    {
        string link = Path.Combine(folder, "unindexed.fa.gz");
        if (!File.Exists(link)) File.CreateSymbolicLink(link, Path.Combine(folder, Fasta + ".gz"));
        using var genome = Genome.Load(link);
        if (genome.IsIndexed) throw new InvalidOperationException("The link was opened through an index.");
        return genome.TotalLength;
    }

    private static Dictionary<string, string>? RunChildProcess(string name, string folder, int stride, out string error) =>
        SelfChildProcess.Run(["--genome-memory", ChildSwitch, name, folder, stride.ToString(CultureInfo.InvariantCulture)], ResultPrefix, out error);
}
