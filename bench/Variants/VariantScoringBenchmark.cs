using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks.Variants;

/// <summary>
/// Variant-effect throughput (<see cref="VariantEffects"/>) for the Zou2019 and Basset presets, on a
/// synthetic genome and a VCF of SNVs, against a same-run baseline: plain batch prediction
/// (<c>LoadFromEnumerable</c> of window strings → the model's <c>Transform</c> → read the
/// probability) of as many windows as the variants need (two per SNV: REF and ALT). The ratio is the
/// variant machinery's cost: VCF reading, REF checks, duplicate index, window building, fixed-shape
/// batches and TSV writing. Weights are from one epoch on random rows: a forward pass costs the same
/// whatever the weights.
/// </summary>
/// <remarks>
/// Arguments (after <c>--variants</c>): <c>--quick</c> (a quarter of the variants), <c>--rounds N</c>
/// (timed repetitions, best kept; default 3). Reached through
/// <c>dotnet run -c Release --project bench -- --variants</c>.
/// </remarks>
public static class VariantScoringBenchmark
{
    private sealed record Case(string Name, Func<NetworkSpec> Network, int Length, int Variants);

    private sealed class Row
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }

    private sealed class Window
    {
        public string Sequence { get; set; } = "";
    }

    /// <summary>Runs both presets and prints one line each; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3);
        var cases = new[]
        {
            new Case("Zou2019", () => NetworkPresets.Zou2019(), 200, quick ? 5_000 : 20_000),
            new Case("Basset", () => NetworkPresets.Basset(), 600, quick ? 500 : 2_000),
        };
        string folder = Path.Combine(Path.GetTempPath(), $"cnn-mlnet-variant-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            string fasta = WriteGenome(Path.Combine(folder, "genome.fa"), 2, 500_000, seed: 5);
            var genome = Genome.Load(fasta);
            Console.WriteLine($"// variants: intra-op threads {TorchSharp.torch.get_num_threads()}, {Environment.ProcessorCount} logical cores, best of {rounds} round(s)");
            Console.WriteLine("preset\tlength\tvariants\tvariants/s\tbaseline windows/s\tbaseline variants/s (2 windows each)\tratio\tfirst pass (checks, duplicate index) variants/s");
            foreach (var c in cases)
            {
                var (ml, model) = Train(c);
                string vcf = WriteVcf(Path.Combine(folder, $"{c.Name}.vcf"), genome, c.Variants, seed: 9);
                var windows = WindowsOf(vcf, genome, c.Length);
                // Warm-up: first-call costs (binding, native kernels) belong to neither side.
                Variants(ml, model, genome, vcf);
                Baseline(ml, model, windows.Take(512).ToList());
                double variants = 0, baseline = 0, firstPass = 0;
                for (int r = 0; r < rounds; r++)
                {
                    variants = Math.Max(variants, c.Variants / Variants(ml, model, genome, vcf).TotalSeconds);
                    baseline = Math.Max(baseline, windows.Count / Baseline(ml, model, windows).TotalSeconds);
                    firstPass = Math.Max(firstPass, c.Variants / FirstPass(genome, vcf).TotalSeconds);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Name}\t{c.Length}\t{c.Variants}\t{variants:F0}\t{baseline:F0}\t{baseline / 2:F0}\t{variants / (baseline / 2):F2}\t{firstPass:F0}"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TimeSpan Variants(MLContext ml, ITransformer model, Genome genome, string vcf)
    {
        using var output = new StreamWriter(Stream.Null, Encoding.ASCII);
        var clock = Stopwatch.StartNew();
        VariantEffects.Write(ml, model, genome, vcf, new VariantEffectOptions(), output, null, null);
        return clock.Elapsed;
    }

    // The first of the two passes over the VCF alone: read, chromosome and REF checks, duplicate index.
    private static TimeSpan FirstPass(Genome genome, string vcf)
    {
        var clock = Stopwatch.StartNew();
        VariantPlan.Read(vcf, genome, new VcfRecordRange(0, long.MaxValue), allowRefMismatch: false, listed: 5);
        return clock.Elapsed;
    }

    // Plain batch prediction: the windows as an enumerable view, the model's Transform, the probability read.
    private static TimeSpan Baseline(MLContext ml, ITransformer model, List<Window> windows)
    {
        var clock = Stopwatch.StartNew();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(windows));
        using var cursor = scored.GetRowCursor([scored.Schema["Probability"]]);
        var get = cursor.GetGetter<float>(scored.Schema["Probability"]);
        float value = 0, sum = 0;
        while (cursor.MoveNext())
        {
            get(ref value);
            sum += value;
        }
        GC.KeepAlive(sum);
        return clock.Elapsed;
    }

    // The REF and ALT windows of each SNV, as the variant scorer builds them.
    private static List<Window> WindowsOf(string vcf, Genome genome, int length)
    {
        int left = (length - 1) / 2;
        var windows = new List<Window>();
        foreach (var record in VcfFile.Enumerate(vcf))
        {
            string reference = genome.Slice(record.Chromosome, record.Position - 1 - left, length);
            windows.Add(new Window { Sequence = reference });
            windows.Add(new Window { Sequence = string.Concat(reference.AsSpan(0, left), record.Alts[0], reference.AsSpan(left + 1)) });
        }
        return windows;
    }

    private static (MLContext ML, ITransformer Model) Train(Case c)
    {
        TorchRuntime.EnsureInitialized();
        var ml = new MLContext(seed: 1);
        var random = new Random(8);
        var rows = Enumerable.Range(0, 64).Select(i => new Row
        {
            Sequence = new string(Enumerable.Range(0, c.Length).Select(_ => "ACGT"[random.Next(4)]).ToArray()),
            Label = i % 2 == 0,
        }).ToList();
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: c.Length)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Network = c.Network(), Epochs = 1, BatchSize = 32, LearningRate = 1e-4, Seed = 1 }))
            .Fit(ml.Data.LoadFromEnumerable(rows));
        return (ml, model);
    }

    private static string WriteGenome(string path, int chromosomes, int length, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, Encoding.ASCII);
        var line = new char[60];
        for (int c = 0; c < chromosomes; c++)
        {
            writer.WriteLine($">chr{c + 1}");
            for (int written = 0; written < length; written += line.Length)
            {
                int count = Math.Min(line.Length, length - written);
                for (int i = 0; i < count; i++) line[i] = "ACGT"[random.Next(4)];
                writer.WriteLine(line, 0, count);
            }
        }
        return path;
    }

    // Distinct SNVs at sorted random positions, REF from the genome.
    private static string WriteVcf(string path, Genome genome, int count, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, Encoding.ASCII);
        writer.Write("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        string chromosome = genome.Chromosomes[0];
        var positions = new SortedSet<long>();
        while (positions.Count < count) positions.Add(random.NextInt64(1, genome.LengthOf(chromosome) + 1));
        foreach (long pos in positions)
        {
            char reference = char.ToUpperInvariant(genome.Slice(chromosome, pos - 1, 1)[0]);
            char alt = "ACGT".Where(b => b != reference).ElementAt(random.Next(3));
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{chromosome}\t{pos}\t.\t{reference}\t{alt}\t.\t.\t.\n"));
        }
        return path;
    }
}
