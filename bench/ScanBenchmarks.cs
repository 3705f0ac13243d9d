using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Cnn.MLNet.Benchmarks.Suite;
using Cnn.MLNet.Pipelines.Genomics;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Genome scanning throughput in bases per second: <see cref="GenomeScanner.Scan(MLContext, ITransformer, Genome, GenomeScanOptions, TextWriter)"/>
/// over a generated genome (2 chromosomes of 100 kb of uniformly random ACGT, fixed seed, written
/// once to a temporary FASTA and loaded with <see cref="Genome.Load"/>) with the Zou2019 model of the
/// scoring benchmarks (encoder → CNN, 50-bp windows, ScoringBatchSize 256; the weights do not
/// change the cost), at stride 25 and stride 1. The bedGraph goes to a <see cref="StreamWriter"/>
/// over <see cref="Stream.Null"/>, so it is formatted and encoded but not written to disk.
/// <para>
/// The baseline of each stride is the loop a user would write by hand over the same windows: per
/// batch of 256 windows, a 128 × 4 lookup table one-hot encodes each window's bytes channel-major
/// into one reused <c>float[]</c> (N-padded past the chromosome's end, as the scanner pads), the
/// block is copied into one reused tensor, the network runs under <c>inference_mode</c> and the
/// sigmoid of the logits is copied out to a <c>float[]</c>. No IDataView, no bedGraph. One operation
/// is one base of the genome, so bases/s = 10⁹ / mean (windows/s = bases/s ÷ stride).
/// </para>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BasesConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[SuiteUnit("bases/s")]
public class ScanBenchmarks
{
    /// <summary>Chromosomes in the generated genome.</summary>
    public const int ChromosomeCount = 2;

    /// <summary>Bases per chromosome.</summary>
    public const int ChromosomeLength = 100_000;

    /// <summary>Bases scanned per invocation.</summary>
    public const int Bases = ChromosomeCount * ChromosomeLength;

    /// <summary>Windows per forward pass (the model's ScoringBatchSize).</summary>
    public const int BatchSize = 256;

    private string _fasta = "";
    private Genome _genome = null!;
    private MLContext _ml = null!;
    private ITransformer _model = null!;
    private nn.Module<Tensor, Tensor> _network = null!;
    private float[] _table = [];
    private float[] _buffer = [];
    private float[] _values = [];
    private Tensor _batch = null!;

    /// <summary>Adds the bases/s column to this class's table.</summary>
    public sealed class BasesConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public BasesConfig() => AddColumn(new PerSecondColumn("bases/s", "Genome bases scanned per second (10⁹ / mean ns per base)"));
    }

    /// <summary>Writes and loads the genome, takes the shared trained model, builds the baseline's table and buffers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fasta = Path.Combine(Path.GetTempPath(), $"cnn-mlnet-scan-bench-{Environment.ProcessId}.fa");
        var random = new Random(5);
        using (var writer = new StreamWriter(_fasta, false, Encoding.ASCII))
        {
            var line = new char[60];
            for (int c = 0; c < ChromosomeCount; c++)
            {
                writer.WriteLine($">chr{c + 1}");
                for (int written = 0; written < ChromosomeLength; written += line.Length)
                {
                    int count = Math.Min(line.Length, ChromosomeLength - written);
                    for (int i = 0; i < count; i++) line[i] = "ACGT"[random.Next(4)];
                    writer.WriteLine(line, 0, count);
                }
            }
        }
        _genome = Genome.Load(_fasta);

        var trained = PrimerData.Model;
        _ml = trained.ML;
        _model = trained.Encoder.Append(trained.Model);
        _network = trained.Model.Model.Network;

        _table = new float[128 * PrimerData.Channels];
        for (int ch = 0; ch < 128; ch++)
        {
            int channel = "ACGT".IndexOf(char.ToUpperInvariant((char)ch));
            for (int k = 0; k < PrimerData.Channels; k++)
                _table[ch * PrimerData.Channels + k] = channel < 0 ? 0.25f : channel == k ? 1f : 0f;
        }
        _buffer = new float[BatchSize * PrimerData.FeatureSize];
        _values = new float[Bases];
        _batch = torch.zeros(BatchSize, PrimerData.FeatureSize);
    }

    /// <summary>Deletes the FASTA, releases the baseline's tensor.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _batch.Dispose();
        File.Delete(_fasta);
    }

    /// <summary>Baseline, stride 25: lookup-table encoding, batched forward in inference mode, sigmoid copied out.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bases), BenchmarkCategory("Stride25")]
    public float PlainLoopStride25() => PlainLoop(25);

    /// <summary><c>GenomeScanner.Scan</c>, stride 25, bedGraph formatted to a null stream.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("Stride25")]
    public long ScanStride25() => Scan(25);

    /// <summary>Baseline, stride 1.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bases), BenchmarkCategory("Stride1")]
    public float PlainLoopStride1() => PlainLoop(1);

    /// <summary><c>GenomeScanner.Scan</c>, stride 1.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("Stride1")]
    public long ScanStride1() => Scan(1);

    private long Scan(int stride)
    {
        using var writer = new StreamWriter(Stream.Null, Encoding.ASCII);
        return GenomeScanner.Scan(_ml, _model, _genome, new GenomeScanOptions { Stride = stride }, writer).Windows;
    }

    private float PlainLoop(int stride)
    {
        const int length = PrimerData.Length, channels = PrimerData.Channels, size = PrimerData.FeatureSize;
        using var inference = torch.inference_mode();
        int written = 0;
        foreach (string name in _genome.Chromosomes)
        {
            byte[] bases = _genome.Sequences[name];
            long windows = GenomeScanWindows.Count(bases.Length, length, stride);
            for (long first = 0; first < windows; first += BatchSize)
            {
                int count = (int)Math.Min(BatchSize, windows - first);
                for (int r = 0; r < count; r++)
                {
                    long start = (first + r) * stride;
                    var row = _buffer.AsSpan(r * size, size);
                    for (int p = 0; p < length; p++)
                    {
                        long at = start + p;
                        int symbol = at < bases.Length ? bases[at] & 0x7F : 'N';
                        int t = symbol * channels;
                        for (int k = 0; k < channels; k++)
                            row[k * length + p] = _table[t + k];
                    }
                }
                MemoryMarshal.AsBytes(_buffer.AsSpan(0, count * size)).CopyTo(_batch.bytes);
                using var scope = NewDisposeScope();
                var input = count == BatchSize ? _batch : _batch.narrow(0, 0, count);
                var probabilities = torch.sigmoid(_network.forward(input));
                probabilities.data<float>().CopyTo(_values.AsSpan(written, count), 0, 0);
                written += count;
            }
        }
        return _values[written - 1];
    }
}
