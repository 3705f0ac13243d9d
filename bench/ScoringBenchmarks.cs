using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// Scoring throughput: rows per second of the batched <c>Transform</c> (a cursor reading Score)
/// against a plain batched forward pass over preloaded 256-row tensors, and of a
/// <c>PredictionEngine</c> scoring the same rows one at a time. One operation is one row
/// (OperationsPerInvoke = rows). Zou2019 trained on the primer task; CPU.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RowsConfig))]
public class ScoringBenchmarks
{
    /// <summary>Rows scored per invocation (20 batches of 256).</summary>
    public const int Rows = 5_120;

    /// <summary>Rows per forward pass (the trainer's default ScoringBatchSize).</summary>
    public const int BatchSize = 256;

    private PrimerData.Row[] _rows = [];
    private IDataView _scored = null!;
    private nn.Module<Tensor, Tensor> _network = null!;
    private List<Tensor> _batches = [];
    private List<float[]> _flatBatches = [];
    private float[] _outputs = [];
    private PredictionEngine<PrimerData.Row, PrimerData.Prediction> _engine = null!;
    private PrimerData.Prediction _prediction = new();

    /// <summary>Adds the rows/s column to this class's table.</summary>
    public sealed class RowsConfig : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public RowsConfig() => AddColumn(new PerSecondColumn("rows/s", "Rows scored per second (10⁹ / mean ns per row)"));
    }

    /// <summary>Trains the model (once per process), encodes and caches the rows to score, preloads the baseline's tensors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var trained = PrimerData.Model;
        var encoded = PrimerData.Encode(trained.ML, Rows, seed: 23);
        _rows = encoded.Rows;
        _scored = trained.Model.Transform(encoded.Data);
        var (features, labels) = PrimerData.ReadAll(encoded.Data);
        _batches = PrimerData.Batches(features, labels, BatchSize).Select(b => { b.Y.Dispose(); return b.X; }).ToList();
        _flatBatches = _batches.Select(x => x.data<float>().ToArray()).ToList();
        _network = trained.Model.Model.Network;
        _outputs = new float[Rows];
        _engine = trained.CreateEngine();
    }

    /// <summary>Releases the engine and the baseline's tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        foreach (var x in _batches) x.Dispose();
        _batches = [];
    }

    /// <summary>The baseline: the trained network's forward pass on preloaded 256-row tensors in inference mode, logits copied out.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public float PlainBatchedForward()
    {
        using var inference = torch.inference_mode();
        int offset = 0;
        foreach (var x in _batches)
        {
            using var scope = NewDisposeScope();
            var logits = _network.forward(x);
            int count = (int)logits.shape[0];
            logits.data<float>().CopyTo(_outputs.AsSpan(offset, count), 0, 0);
            offset += count;
        }
        return _outputs[^1];
    }

    /// <summary>
    /// The model's own batch entry point (<c>CnnModel.Forward</c>: copy into a fresh tensor, forward
    /// under inference mode, copy out) over the same preloaded features as flat arrays, without a cursor:
    /// splits the cost between the tensor round trip and the cursor's reads.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float ModelForwardNoCursor()
    {
        var model = PrimerData.Model.Model.Model;
        int offset = 0;
        foreach (var batch in _flatBatches)
        {
            int count = batch.Length / PrimerData.FeatureSize;
            model.Forward(batch, count, _outputs.AsSpan(offset, count));
            offset += count;
        }
        return _outputs[^1];
    }

    /// <summary>Our batched scorer: <c>model.Transform(cached encoded data)</c>, a cursor reading Score for every row.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float BatchedTransform() => SumScores(_scored);

    /// <summary>Reads the Score of every row with one cursor (what a consumer of <c>Transform</c> does).</summary>
    internal static float SumScores(IDataView scored)
    {
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([score]);
        var getter = cursor.GetGetter<float>(score);
        float value = 0, sum = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value;
        }
        return sum;
    }

    /// <summary>
    /// One row at a time: a PredictionEngine over encoder → model, one Predict per row (the engine
    /// also one-hot encodes each 50-bp sequence, about 50 ns a row).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float PredictionEngineRowByRow()
    {
        float sum = 0;
        foreach (var row in _rows)
        {
            _engine.Predict(row, ref _prediction);
            sum += _prediction.Score;
        }
        return sum;
    }
}
