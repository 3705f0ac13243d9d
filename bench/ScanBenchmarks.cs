using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Cnn.MLNet.Benchmarks.Suite;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Genome scanning throughput in bases per second, windows per second and the projected time of a
/// 3.1-Gb genome: <see cref="GenomeScanner.Scan(MLContext, ITransformer, Genome, GenomeScanOptions, TextWriter)"/>
/// over generated genomes (uniformly random ACGT, fixed seeds, written once to a temporary FASTA
/// and loaded with <see cref="Genome.Load(string)"/>), each against its own baseline.
/// <list type="bullet">
/// <item>Zou2019 (the scoring benchmarks' model: encoder → CNN, 50-bp windows) over 2 chromosomes
/// of 100 kb, at stride 25, 1 and 50.</item>
/// <item>Basset (<see cref="NetworkPresets.Basset"/>, 600-bp windows, one epoch on 64 random rows:
/// the weights do not change the cost) over one chromosome of 13,075 bases (256 windows at stride
/// 50, one full batch; smaller because a Basset window costs about a thousand Zou2019 ones), at
/// stride 50.</item>
/// </list>
/// Both models take the scanner's direct route (windows encoded straight from the genome's bytes
/// by the model's own encoder, then the CNN, ScoringBatchSize 256). The bedGraph goes to a
/// <see cref="StreamWriter"/> over <see cref="Stream.Null"/>, so it is formatted and encoded but
/// not written to disk.
/// <para>
/// The baseline of each category is <see cref="PlainScanLoop"/> over the same genome, network and
/// windows: the loop a user would write by hand (lookup-table encoding into a reused buffer, one
/// copy into a reused tensor, the network under <c>inference_mode</c>, sigmoid copied out; no
/// IDataView, no bedGraph), batches of 256. One operation is one base of the genome, so
/// bases/s = 10⁹ / mean, windows/s = bases/s ÷ stride (<see cref="ScanColumns"/>), and the 3.1-Gb
/// column is 3.1·10⁹ × the mean time per base.
/// </para>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BasesConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[SuiteUnit("bases/s")]
public class ScanBenchmarks
{
    /// <summary>Chromosomes in the Zou2019 genome.</summary>
    public const int ChromosomeCount = 2;

    /// <summary>Bases per chromosome of the Zou2019 genome.</summary>
    public const int ChromosomeLength = 100_000;

    /// <summary>Bases scanned per invocation with Zou2019.</summary>
    public const int Bases = ChromosomeCount * ChromosomeLength;

    /// <summary>
    /// Bases of the Basset genome's one chromosome: 256 windows at stride 50, one full batch in the
    /// scanner and the baseline alike (a Basset window costs about a thousand Zou2019 ones).
    /// </summary>
    public const int BassetBases = 13_075;

    /// <summary>Basset's window (its published input length).</summary>
    public const int BassetLength = 600;

    /// <summary>Windows per forward pass (the models' ScoringBatchSize).</summary>
    public const int BatchSize = 256;

    private readonly List<string> _fastas = [];
    private Genome _genome = null!;
    private Genome _bassetGenome = null!;
    private MLContext _ml = null!;
    private ITransformer _model = null!;
    private MLContext _bassetMl = null!;
    private ITransformer _basset = null!;
    private PlainScanLoop _plain = null!;
    private PlainScanLoop _plainBasset = null!;

    /// <summary>Adds the bases/s, windows/s and 3.1-Gb columns to this class's table.</summary>
    public sealed class BasesConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public BasesConfig() => AddColumn(
            new PerSecondColumn("bases/s", "Genome bases scanned per second (10⁹ / mean ns per base)"),
            ScanColumns.WindowsPerSecond,
            ScanColumns.GenomeTime);
    }

    /// <summary>Writes and loads the genomes, takes the shared Zou2019 model, trains the Basset one, builds the baselines.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _genome = Genome.Load(WriteGenome("zou", ChromosomeCount, ChromosomeLength, seed: 5));
        _bassetGenome = Genome.Load(WriteGenome("basset", 1, BassetBases, seed: 6));

        var trained = PrimerData.Model;
        _ml = trained.ML;
        _model = trained.Encoder.Append(trained.Model);
        _plain = new PlainScanLoop(trained.Model.Model.Network, PrimerData.Length, BatchSize);

        var basset = TrainBasset();
        _bassetMl = basset.ML;
        _basset = basset.Model;
        _plainBasset = new PlainScanLoop(basset.Network, BassetLength, BatchSize);
    }

    /// <summary>Deletes the FASTAs, releases the baselines' tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _plainBasset.Dispose();
        foreach (string fasta in _fastas)
            File.Delete(fasta);
    }

    /// <summary>Baseline, Zou2019, stride 25: lookup-table encoding, batched forward in inference mode, sigmoid copied out.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bases), BenchmarkCategory("Stride25"), ScanStride(25)]
    public float PlainLoopStride25() => _plain.Run(_genome, 25);

    /// <summary><c>GenomeScanner.Scan</c>, Zou2019, stride 25, bedGraph formatted to a null stream.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("Stride25"), ScanStride(25)]
    public long ScanStride25() => Scan(_ml, _model, _genome, 25);

    /// <summary>Baseline, Zou2019, stride 1.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bases), BenchmarkCategory("Stride1"), ScanStride(1)]
    public float PlainLoopStride1() => _plain.Run(_genome, 1);

    /// <summary><c>GenomeScanner.Scan</c>, Zou2019, stride 1.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("Stride1"), ScanStride(1)]
    public long ScanStride1() => Scan(_ml, _model, _genome, 1);

    /// <summary>Baseline, Zou2019, stride 50 (the stride of the 3.1-Gb projection).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bases), BenchmarkCategory("Stride50"), ScanStride(50)]
    public float PlainLoopStride50() => _plain.Run(_genome, 50);

    /// <summary><c>GenomeScanner.Scan</c>, Zou2019, stride 50.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("Stride50"), ScanStride(50)]
    public long ScanStride50() => Scan(_ml, _model, _genome, 50);

    /// <summary>Baseline, Basset (600-bp windows), stride 50, over the smaller Basset genome.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BassetBases), BenchmarkCategory("BassetStride50"), ScanStride(50)]
    public float PlainLoopBassetStride50() => _plainBasset.Run(_bassetGenome, 50);

    /// <summary><c>GenomeScanner.Scan</c>, Basset, stride 50.</summary>
    [Benchmark(OperationsPerInvoke = BassetBases), BenchmarkCategory("BassetStride50"), ScanStride(50)]
    public long ScanBassetStride50() => Scan(_bassetMl, _basset, _bassetGenome, 50);

    private static long Scan(MLContext ml, ITransformer model, Genome genome, int stride)
    {
        using var writer = new StreamWriter(Stream.Null, Encoding.ASCII);
        return GenomeScanner.Scan(ml, model, genome, new GenomeScanOptions { Stride = stride }, writer).Windows;
    }

    private string WriteGenome(string name, int chromosomes, int chromosomeLength, int seed)
    {
        string fasta = Path.Combine(Path.GetTempPath(), $"cnn-mlnet-scan-bench-{name}-{Environment.ProcessId}.fa");
        _fastas.Add(fasta);
        var random = new Random(seed);
        using var writer = new StreamWriter(fasta, false, Encoding.ASCII);
        var line = new char[60];
        for (int c = 0; c < chromosomes; c++)
        {
            writer.WriteLine($">chr{c + 1}");
            for (int written = 0; written < chromosomeLength; written += line.Length)
            {
                int count = Math.Min(line.Length, chromosomeLength - written);
                for (int i = 0; i < count; i++) line[i] = "ACGT"[random.Next(4)];
                writer.WriteLine(line, 0, count);
            }
        }
        return fasta;
    }

    // One epoch on 64 random 600-bp rows (alternating labels): the cost of a forward pass depends on the shape only.
    private static (MLContext ML, ITransformer Model, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Network) TrainBasset()
    {
        TorchRuntime.EnsureInitialized();
        var ml = new MLContext(seed: 1);
        var random = new Random(8);
        var rows = Enumerable.Range(0, 64).Select(i => new PrimerData.Row
        {
            Sequence = new string(Enumerable.Range(0, BassetLength).Select(_ => "ACGT"[random.Next(4)]).ToArray()),
            Label = i % 2 == 0,
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: BassetLength)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
            {
                Network = NetworkPresets.Basset(),
                Epochs = 1,
                BatchSize = 32,
                LearningRate = 1e-4,
                Seed = 1,
                ScoringBatchSize = BatchSize,
            }))
            .Fit(data);
        return (ml, model, model.LastTransformer.Model.Network);
    }
}
