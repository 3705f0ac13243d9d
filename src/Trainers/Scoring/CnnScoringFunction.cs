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

    public void Compute(HostBatchBuffer inputs, int rows, Span<float> outputs) => model.Forward(inputs, rows, outputs);

    public Delegate?[] CreateGetters(Func<ReadOnlyMemory<float>> currentRowOutputs, IReadOnlyList<bool> active) =>
        model.Task.CreateOutputGetters(currentRowOutputs, active);
}
