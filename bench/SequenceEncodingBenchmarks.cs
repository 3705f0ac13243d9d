using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// One-hot encoding throughput for 2,000 random 1,000-bp ACGT sequences (fixed seed), in
/// memory. Every benchmark encodes all sequences once; OperationsPerInvoke makes the reported
/// time per base. Ratios are against <see cref="PlainLookupLoop"/>, measured in the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BasesConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SequenceEncodingBenchmarks
{
    /// <summary>Adds the Mbases/s column to this class's table.</summary>
    public sealed class BasesConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public BasesConfig() => AddColumn(new PerSecondColumn("Mbases/s", "Millions of bases encoded per second (10³ / mean ns per base)", divisor: 1e6));
    }

    /// <summary>Sequences per invocation.</summary>
    public const int SequenceCount = 2_000;

    /// <summary>Bases per sequence.</summary>
    public const int SequenceLength = 1_000;

    private const int Bases = SequenceCount * SequenceLength;

    private string[] _sequences = [];
    private float[] _table = [];
    private float[] _plainBuffer = [];
    private IDataView _ours = null!;
    private IDataView _mlNet = null!;
    private IDataView _oursFromFile = null!;
    private string _file = "";

    /// <summary>Builds the data and both pipelines (fitting is not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_240_601);
        _sequences = new string[SequenceCount];
        for (int s = 0; s < SequenceCount; s++)
        {
            _sequences[s] = string.Create(SequenceLength, random, static (span, r) =>
            {
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = "ACGT"[r.Next(4)];
                }
            });
        }

        // The baseline's table: 128 characters × 4 channels.
        _table = new float[128 * 4];
        for (int c = 0; c < 4; c++)
        {
            _table["ACGT"[c] * 4 + c] = 1f;
        }
        _plainBuffer = new float[4 * SequenceLength];

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(_sequences.Select(s => new Row { Sequence = s }).ToList());
        _ours = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: SequenceLength)
            .Fit(data).Transform(data);
        _mlNet = ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Tokens", "Sequence", useMarkerCharacters: false)
            .Append(ml.Transforms.Conversion.MapKeyToVector("Features", "Tokens"))
            .Fit(data).Transform(data);
        Console.WriteLine($"// a cursor set of 2 over the in-memory source gives {CursorCount(_ours, 2)} cursor(s)");

        // The same sequences in a text file read by ML.NET's TextLoader, which parses on parallel
        // cursors when asked for a set; our view then encodes on each of them.
        _file = Path.Combine(Path.GetTempPath(), $"cnn-mlnet-encoding-bench-{Environment.ProcessId}.tsv");
        File.WriteAllLines(_file, _sequences);
        var text = ml.Data.LoadFromTextFile<Row>(_file, hasHeader: false);
        _oursFromFile = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: SequenceLength).Fit(text).Transform(text);
        Console.WriteLine($"// a cursor set of 2 over the text file gives {CursorCount(_oursFromFile, 2)} cursor(s)");
    }

    /// <summary>Deletes the text file.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    private static int CursorCount(IDataView view, int n)
    {
        var set = view.GetRowCursorSet([view.Schema["Features"]], n);
        foreach (var cursor in set) cursor.Dispose();
        return set.Length;
    }

    /// <summary>A plain lookup-table loop over the strings into one reused float array (channel-major).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bases), BenchmarkCategory("InMemory")]
    public float PlainLookupLoop()
    {
        float checksum = 0;
        var buffer = _plainBuffer;
        var table = _table;
        foreach (var sequence in _sequences)
        {
            for (int p = 0; p < sequence.Length; p++)
            {
                int row = sequence[p] * 4;
                for (int c = 0; c < 4; c++)
                {
                    buffer[c * SequenceLength + p] = table[row + c];
                }
            }
            checksum += buffer[sequence.Length - 1];
        }
        return checksum;
    }

    /// <summary>Our transform: an IDataView cursor reading the encoded column.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("InMemory")]
    public float OneHotEncodeSequence() => ReadAll(_ours);

    /// <summary>
    /// Our transform read by a cursor set of two, one task each (what ML.NET's own consumers ask
    /// for with large data). Our view passes the request to its source and encodes on as many
    /// threads as the source gives cursors — but ML.NET's in-memory source gives one (Setup prints
    /// the count), so today this measures the single-cursor path plus the task overhead. Kept as
    /// the yardstick for parallel encoding (issue 7, open).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("InMemory")]
    public float OneHotEncodeSequenceTwoCursors() => ReadInParallel(_ours, 2);

    /// <summary>
    /// The baseline of the text-file group: TextLoader → our transform, read by one cursor
    /// (parsing and encoding on one thread).
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bases), BenchmarkCategory("TextFile")]
    public float TextFileOneCursor() => ReadAll(_oursFromFile);

    /// <summary>The same read by a cursor set of two, one task each: parsing and encoding on both cores.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("TextFile")]
    public float TextFileTwoCursors() => ReadInParallel(_oursFromFile, 2);

    private static float ReadInParallel(IDataView view, int n)
    {
        var column = view.Schema["Features"];
        var cursors = view.GetRowCursorSet([column], n);
        try
        {
            return Task.WhenAll(cursors.Select(cursor => Task.Run(() => ReadAll(cursor, column)))).Result.Sum();
        }
        finally
        {
            foreach (var cursor in cursors) cursor.Dispose();
        }
    }

    /// <summary>ML.NET's route: TokenizeIntoCharactersAsKeys → MapKeyToVector, read the same way.</summary>
    [Benchmark(OperationsPerInvoke = Bases), BenchmarkCategory("InMemory")]
    public float MLNetCharactersToKeyVectors() => ReadAll(_mlNet);

    private static float ReadAll(IDataView view)
    {
        var column = view.Schema["Features"];
        using var cursor = view.GetRowCursor([column]);
        return ReadAll(cursor, column);
    }

    private static float ReadAll(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        float checksum = 0;
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            var values = value.GetValues();
            checksum += values[^1];
        }
        return checksum;
    }

    private sealed class Row
    {
        [LoadColumn(0)]
        public string Sequence { get; set; } = "";
    }
}
