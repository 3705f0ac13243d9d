using BenchmarkDotNet.Attributes;
using Cnn.MLNet.Onnx;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Scoring the primer's Zou2019 model exported to ONNX: ONNX Runtime on preloaded 256-row batches
/// and the stock ML.NET pipeline (TokenizeIntoCharactersAsKeys → ApplyOnnxModel, one ONNX call per
/// row, encoding in the graph), against our TorchSharp batched <c>Transform</c> on the same rows.
/// One operation is one row. ONNX Runtime runs with as many intra-op threads as libtorch has at
/// the moment (one session per count), so paired runs with <c>--threads 1,2</c> compare like with like.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScoringBenchmarks.RowsConfig))]
public class OnnxScoringBenchmarks
{
    /// <summary>Rows scored per invocation (20 batches of 256).</summary>
    public const int Rows = ScoringBenchmarks.Rows;

    private const int BatchSize = ScoringBenchmarks.BatchSize;

    private IDataView _torchScored = null!;
    private IDataView _stockScored = null!;
    private readonly Dictionary<int, InferenceSession> _sessions = [];
    private byte[] _onnx = [];
    private RunOptions _run = null!;
    private List<OrtValue> _batches = [];
    private readonly float[] _outputs = new float[Rows];
    private string _onnxFile = "";

    /// <summary>Exports the model (both graphs), preloads ONNX Runtime's batches, builds both pipelines.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var trained = PrimerData.Model;
        var cnn = trained.Model.Model;
        var encoded = PrimerData.Encode(trained.ML, Rows, seed: 23);
        _torchScored = trained.Model.Transform(encoded.Data);

        _onnx = CnnOnnx.ToBytes(cnn);
        _run = new RunOptions();
        var (features, _) = PrimerData.ReadAll(encoded.Data);
        for (int start = 0; start < Rows; start += BatchSize)
        {
            int count = Math.Min(BatchSize, Rows - start);
            _batches.Add(OrtValue.CreateTensorValueFromMemory(features.AsSpan(start * PrimerData.FeatureSize, count * PrimerData.FeatureSize).ToArray(), [count, PrimerData.FeatureSize]));
        }

        _onnxFile = Path.Combine(Path.GetTempPath(), $"cnn-mlnet-bench-{Environment.ProcessId}.onnx");
        var raw = trained.ML.Data.LoadFromEnumerable(encoded.Rows);
        var stock = StockScoringPipeline.Create(trained.ML, cnn, _onnxFile, "Sequence",
            new CnnOnnxExportOptions { UnknownCharacters = UnknownCharacterPolicy.Zeros });
        var cachedRaw = trained.ML.Data.Cache(raw);
        _stockScored = stock.Fit(cachedRaw).Transform(cachedRaw);
    }

    /// <summary>Releases ONNX Runtime's objects and the exported file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var batch in _batches) batch.Dispose();
        _batches = [];
        foreach (var session in _sessions.Values) session.Dispose();
        _sessions.Clear();
        _run.Dispose();
        File.Delete(_onnxFile);
    }

    /// <summary>The baseline: our batched <c>Transform</c> (TorchSharp, 256 rows a forward pass), a cursor reading Score.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public float TorchSharpBatchedTransform() => ScoringBenchmarks.SumScores(_torchScored);

    /// <summary>ONNX Runtime directly: the exported graph (features input) on the same 256-row batches, Score copied out.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float OnnxRuntimeBatched()
    {
        int threads = torch.get_num_threads();
        if (!_sessions.TryGetValue(threads, out var session))
            _sessions[threads] = session = new InferenceSession(_onnx, new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 });
        int offset = 0;
        foreach (var batch in _batches)
        {
            using var results = session.Run(_run, ["Features"], [batch], ["Score"]);
            var scores = results[0].GetTensorDataAsSpan<float>();
            scores.CopyTo(_outputs.AsSpan(offset));
            offset += scores.Length;
        }
        return _outputs[^1];
    }

    /// <summary>Stock ML.NET only: TokenizeIntoCharactersAsKeys → ApplyOnnxModel (one ONNX call per row), a cursor reading Score.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float StockMLNetPipeline()
    {
        var score = _stockScored.Schema["Score"];
        using var cursor = _stockScored.GetRowCursor([score]);
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        VBuffer<float> value = default;
        float sum = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value.GetItemOrDefault(0);
        }
        return sum;
    }
}
