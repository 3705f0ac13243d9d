using System.Diagnostics;
using System.Globalization;
using Cnn.MLNet.Benchmarks.Real;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;

namespace Cnn.MLNet.Benchmarks.Attribution;

/// <summary>
/// Attribution throughput (<c>ml.Transforms.ComputeAttributions</c>) for the Zou2019 and Basset
/// presets on real sequences, against a same-run baseline: plain scoring (<c>LoadFromEnumerable</c>
/// → the model's <c>Transform</c> → read <c>Score</c>) of the same sequences. Methods: saliency
/// (simplex-corrected gradient × input), DeepSHAP (DeepLIFT against 20 dinucleotide shuffles, the
/// largest <c>AttributionError</c> kept) and in-silico mutagenesis. Each model is trained for one
/// epoch on <c>oct4-mafk</c> (200 bp, the longest binary set in <c>bench/RealData</c>; Basset needs
/// at least 168 bp) and timed on that set's 200 held-out test sequences, cycled into passes of up
/// to 20,000 (see <see cref="ThroughputMeasurement.Run"/>): speed does not depend on accuracy. The baseline is timed before and after the methods; ratios use the mean of the two.
/// Two diagnostics say where DeepSHAP's time goes: DeepLIFT against one all-zero reference (the
/// same network pass, no shuffles) and the dinucleotide shuffles alone.
/// </summary>
/// <remarks>
/// Arguments (after <c>--attribution</c>): <c>--seconds S</c> (time per measurement, default 10),
/// <c>--threads N</c> (intra-op threads, fixed for the process; default libtorch's, one per core),
/// <c>--no-ism</c> (skip in-silico mutagenesis). Reached through
/// <c>dotnet run -c Release --project bench -- --attribution</c>.
/// </remarks>
public static class AttributionBenchmark
{
    /// <summary>DeepSHAP's references per sequence, as the issue asks (and the library's default).</summary>
    public const int References = AttributionOptions.DefaultReferences;

    /// <summary>The most sequences in one timed pass (the 200 test sequences, cycled).</summary>
    public const int MaxPerPass = 20_000;

    private sealed record Preset(string Name, Func<NetworkSpec> Network);

    /// <summary>Trains and times both presets; prints one table; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        double seconds = Value(args, "--seconds") ?? 10;
        int threads = (int)(Value(args, "--threads") ?? torch.get_num_threads());
        bool ism = !args.Contains("--no-ism");
        TorchRuntime.SetIntraOpThreads(threads);

        var set = RealDataSet.Oct4Mafk;
        var ml = new MLContext(seed: 1);
        var split = set.Load(ml);
        var pool = set.ReadRows(set.FilePath).Test
            .Select(r => new RealDataSet.BinaryRow { Sequence = r.Sequence, Label = r.Label == "true" }).ToArray();
        Console.WriteLine($"// attribution: intra-op threads {torch.get_num_threads()} (fixed for the process), {Environment.ProcessorCount} logical cores; "
            + string.Create(CultureInfo.InvariantCulture, $"{set.Name}, {set.SequenceLength} bp: one epoch on {split.TrainRows} train rows, timed on its {pool.Length} test sequences, cycled; ≥ {seconds:F0} s per measurement"));

        var rows = new List<(Preset Preset, ThroughputMeasurement Measurement, double Baseline)>();
        foreach (var preset in new[] { new Preset("Zou2019", () => NetworkPresets.Zou2019()), new Preset("Basset", () => NetworkPresets.Basset()) })
        {
            var clock = Stopwatch.StartNew();
            var model = SequenceModels.Train(ml, split.Train, null, new SequenceTrainingSettings
            {
                Task = set.Task,
                Training = { Network = preset.Network(), Epochs = 1, Seed = 1 },
            });
            double training = clock.Elapsed.TotalSeconds;
            var metrics = SequenceModels.Evaluate(ml, model, split.Test);
            var cnn = CnnChain.FindCnn(model);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {preset.Name}: trained in {training:F0} s, test AUC {metrics["auc"]:F4}; scoring batch {cnn.ScoringBatchSize}"));

            IDataView Scored(int n) => model.Transform(ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(i => pool[i % pool.Length])));
            Func<int, IDataView> Attributed(AttributionOptions options)
            {
                var attribution = ml.Transforms.ComputeAttributions(cnn, options).Fit(Scored(1));
                return n => attribution.Transform(Scored(n));
            }

            var before = ThroughputMeasurement.Run("scoring (before)", Scored, "Score", null, MaxPerPass, seconds);
            var measured = new List<ThroughputMeasurement>
            {
                ThroughputMeasurement.Run("saliency", Attributed(new AttributionOptions { Method = AttributionMethod.Saliency }), "Attribution", null, MaxPerPass, seconds),
                ThroughputMeasurement.Run($"DeepSHAP, {References} references",
                    Attributed(new AttributionOptions { Method = AttributionMethod.DeepLift, References = References }), "Attribution", "AttributionError", MaxPerPass, seconds) with { References = References },
            };
            // Where DeepSHAP's time goes: the same DeepLIFT pass against one all-zero reference per
            // sequence (no shuffles, one pair per sequence), and the shuffles alone.
            measured.Add(ThroughputMeasurement.Run("DeepLIFT, zero baseline (1 reference)",
                Attributed(new AttributionOptions { Method = AttributionMethod.DeepLift, Baseline = AttributionBaseline.Zero }), "Attribution", "AttributionError", MaxPerPass, seconds) with
            { References = 1 });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {preset.Name}: {References} dinucleotide shuffles of each of the {pool.Length} sequences alone: {ShufflesPerSecond(cnn.Model.Input, pool):F0} sequences/s"));
            if (ism)
                measured.Add(ThroughputMeasurement.Run("in-silico mutagenesis", Attributed(new AttributionOptions { Method = AttributionMethod.InSilicoMutagenesis }), "Attribution", null, MaxPerPass, seconds));
            var after = ThroughputMeasurement.Run("scoring (after)", Scored, "Score", null, MaxPerPass, seconds);
            double baseline = (before.PerSecond + after.PerSecond) / 2;
            foreach (var m in new[] { before }.Concat(measured).Append(after))
            {
                rows.Add((preset, m, baseline));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {preset.Name} {m.Method}: {m.PerSecond:F1} seq/s"));
            }
            cnn.Model.Dispose();
        }

        Console.WriteLine("preset\tlength\tmethod\tsequences/pass\tsequences timed\tseconds\tsequences/s\t÷ scoring\tinput–reference pairs/s\tlargest summation error");
        foreach (var (preset, m, baseline) in rows)
        {
            bool deepShap = m.References > 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{preset.Name}\t{set.SequenceLength}\t{m.Method}\t{m.SequencesPerPass}\t{m.Sequences}\t{m.Seconds:F1}\t{m.PerSecond:F1}\t{m.PerSecond / baseline:G3}\t"
                + $"{(deepShap ? (m.PerSecond * m.References).ToString("F0", CultureInfo.InvariantCulture) : "–")}\t{(deepShap ? m.LargestError!.Value.ToString("G3", CultureInfo.InvariantCulture) : "–")}"));
        }
        return 0;
    }

    // Sequences per second of AttributionReferences.Fill with DeepSHAP's default references (one-hot encoding outside the clock).
    private static double ShufflesPerSecond(InputShape input, IReadOnlyList<RealDataSet.BinaryRow> pool)
    {
        var references = AttributionReferences.For(input, AttributionMethod.DeepLift, new AttributionOptions { Method = AttributionMethod.DeepLift, References = References });
        int size = input.Size;
        var encoded = new float[pool.Count * size];
        for (int r = 0; r < pool.Count; r++)
            for (int p = 0; p < input.Length; p++)
                if ("ACGT".IndexOf(pool[r].Sequence[p]) is var c and >= 0) encoded[r * size + c * input.Length + p] = 1;
        var target = new float[references.Count * size];
        long sequences = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            for (int r = 0; r < pool.Count; r++) references.Fill(encoded.AsSpan(r * size, size), 1, target);
            sequences += pool.Count;
        }
        while (clock.Elapsed.TotalSeconds < 1);
        return sequences / clock.Elapsed.TotalSeconds;
    }

    private static double? Value(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }
}
