using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Streams an <see cref="IDataView"/> into fixed-size batches: one cursor over the feature and
/// label columns only, one preallocated buffer for each, refilled in place. Never holds more than
/// a batch (plus ML.NET's shuffle pool for data that cannot be shuffled in place). Features go
/// straight into a <see cref="HostBatchBuffer"/> for the model's device (no further copy on CPU).
/// </summary>
internal sealed class BatchReader : IDisposable
{
    private readonly IDataView _data;
    private readonly DataViewSchema.Column _features;
    private readonly DataViewSchema.Column _label;
    private readonly CnnTask _task;
    private readonly int _featureSize;

    public BatchReader(IDataView data, DataViewSchema.Column features, DataViewSchema.Column label, CnnTask task, int featureSize, int batchSize, TorchSharp.torch.Device device)
    {
        _data = data;
        _features = features;
        _label = label;
        _task = task;
        _featureSize = featureSize;
        BatchSize = batchSize;
        Features = new HostBatchBuffer(batchSize, featureSize, device);
        Labels = new float[batchSize * task.LabelWidth];
    }

    public int BatchSize { get; }

    /// <summary>The current batch's features, row-major (row r at r × featureSize).</summary>
    public HostBatchBuffer Features { get; }

    /// <summary>The current batch's labels, row-major (row r at r × LabelWidth).</summary>
    public float[] Labels { get; }

    /// <summary>
    /// Reads one pass, calling <paramref name="onBatch"/> with the number of rows in the buffers
    /// each time a batch is full, and once more for a final partial batch.
    /// </summary>
    /// <param name="shuffle">Null to read in order; otherwise the random source for this pass.</param>
    /// <param name="shufflePoolSize">Pool size for data that cannot be shuffled in place.</param>
    /// <param name="onBatch">Consumes the buffers; they are overwritten after it returns.</param>
    /// <returns>The number of rows read.</returns>
    public long ReadPass(Random? shuffle, int shufflePoolSize, Action<int> onBatch)
    {
        using var cursor = OpenCursor(shuffle, shufflePoolSize, out bool pooled);
        try
        {
            return ReadPass(cursor, onBatch);
        }
        catch (InvalidOperationException e) when (pooled && e.InnerException != null)
        {
            // ML.NET's pool shuffle reads upstream on another thread and wraps its failure in
            // "Shuffle input cursor reader failed"; the inner error is the one that names the row.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private long ReadPass(DataViewRowCursor cursor, Action<int> onBatch)
    {
        var column = cursor.Schema[_features.Name];
        var features = cursor.GetGetter<VBuffer<float>>(column);
        var copyLabel = _task.CreateLabelCopier(cursor, cursor.Schema[_label.Name]);
        var id = cursor.GetIdGetter();
        VBuffer<float> row = default;
        int width = _task.LabelWidth, inBatch = 0;
        long total = 0;
        // Taken once per batch, not per row: on CUDA, Values first waits for the last upload.
        var values = Features.Values;
        while (cursor.MoveNext())
        {
            features(ref row);
            var destination = values.Slice(inBatch * _featureSize, _featureSize);
            row.CopyTo(destination);
            if (!AllFinite(destination))
                throw new InvalidOperationException($"Cnn trainer: feature column '{_features.Name}', row {LabelErrors.RowId(id)} (0-based) holds a NaN or infinite value.");
            copyLabel(Labels.AsSpan(inBatch * width, width));
            total++;
            if (++inBatch == BatchSize)
            {
                onBatch(inBatch);
                inBatch = 0;
                values = Features.Values;
            }
        }
        if (inBatch > 0) onBatch(inBatch);
        return total;
    }

    public void Dispose() => Features.Dispose();

    private DataViewRowCursor OpenCursor(Random? shuffle, int shufflePoolSize, out bool pooled)
    {
        pooled = false;
        var columns = new[] { _features, _label };
        if (shuffle == null) return _data.GetRowCursor(columns);
        if (_data.CanShuffle) return _data.GetRowCursor(columns, shuffle);
        pooled = true;
        // Streaming data: ML.NET's pool shuffle keeps memory bounded by the pool. It only needs an
        // environment to run in; the seed comes from our own random source.
        int seed = shuffle.Next();
        var shuffled = new MLContext(seed).Data.ShuffleRows(_data, seed, shufflePoolSize, shuffleSource: false);
        return shuffled.GetRowCursor(columns.Select(c => shuffled.Schema[c.Name]));
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
            if (!float.IsFinite(v)) return false;
        return true;
    }
}
