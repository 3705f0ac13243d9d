using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>Scoring as an <see cref="IBatchedRowFunction"/>: the network's forward pass, then the task's scoring columns.</summary>
internal sealed class CnnScoringFunction(CnnModel model) : IBatchedRowFunction
{
    public string Component => "Cnn scoring";

    public int InputSize => model.Input.Size;

    public int OutputWidth => model.Outputs;

    public IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns => model.Task.OutputColumns;

    public void Compute(ReadOnlySpan<float> inputs, int rows, Span<float> outputs) => model.Forward(inputs, rows, outputs);

    public TorchSharp.torch.Device Device => model.Device;

    /// <summary>
    /// Computes a batch read into the cursor's buffer, always at the buffer's full size: a last,
    /// partial batch is padded with zero rows whose outputs are ignored. Why: libtorch's CPU matrix
    /// products compute the last rows of a batch whose size is not a multiple of their blocking with
    /// another kernel, so without padding a row's score would depend, in its last bits, on where its
    /// batch ends, and a job scoring part of the rows (<c>scan --region</c>, <c>predict --rows</c>)
    /// would not give the whole run's bytes. With one batch shape a row scores the same wherever it
    /// falls. Reproduction without project code: bench/Repro/BatchShape. Cost: at most one batch less
    /// one row of extra work per cursor.
    /// </summary>
    public void Compute(HostBatchBuffer inputs, int rows, Span<float> outputs)
    {
        // The caller's outputs hold a full batch (BatchedScoringCursor sizes them to the buffer).
        if (rows < inputs.Capacity)
        {
            inputs.Values[(rows * InputSize)..(inputs.Capacity * InputSize)].Clear();
            rows = inputs.Capacity;
        }
        model.Forward(inputs, rows, outputs);
    }

    public Delegate?[] CreateGetters(Func<ReadOnlyMemory<float>> currentRowOutputs, IReadOnlyList<bool> active) =>
        model.Task.CreateOutputGetters(currentRowOutputs, active);
}
