using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Feature maps as an <see cref="IBatchedRowFunction"/>: the network run up to a named layer
/// (<see cref="CnnNetwork.ForwardTo"/>), pooled over positions in TorchSharp, copied out once.
/// </summary>
internal sealed class FeatureMapFunction : IBatchedRowFunction
{
    private readonly CnnModel _model;

    /// <exception cref="ArgumentException">The layer is unknown (the message lists the valid ones) or the pooling undefined.</exception>
    public FeatureMapFunction(CnnModel model, string layer, FeatureMapPooling pooling, string outputColumnName)
    {
        _model = model;
        Layer = layer;
        Pooling = pooling;
        if (!Enum.IsDefined(pooling))
            throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Feature maps: pooling must be None, Max, Mean or MaxAndMean.");
        var shape = LayerShapeOf(model.Network, layer);
        LayerChannels = shape.Channels;
        LayerPositions = shape.Length is null ? null : shape.Positions;
        OutputWidth = LayerPositions is not int positions ? shape.Channels : pooling switch
        {
            FeatureMapPooling.None => shape.Channels * positions,
            FeatureMapPooling.MaxAndMean => 2 * shape.Channels,
            _ => shape.Channels,
        };
        OutputColumns = [VectorOutputColumn.Declare(outputColumnName, OutputWidth)];
    }

    /// <summary>The layer whose output is extracted.</summary>
    public string Layer { get; }

    /// <summary>The pooling over positions.</summary>
    public FeatureMapPooling Pooling { get; }

    /// <summary>Channels (filters, or features for flat layers) of the layer's output.</summary>
    public int LayerChannels { get; }

    /// <summary>Positions of the layer's output (height × width for images), or null for a flat layer (where pooling does not apply).</summary>
    public int? LayerPositions { get; }

    public string Component => "Feature maps";

    public int InputSize => _model.Input.Size;

    public int OutputWidth { get; }

    public IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    public void Compute(ReadOnlySpan<float> inputs, int rows, Span<float> outputs)
    {
        if (inputs.Length < rows * InputSize || outputs.Length < rows * OutputWidth)
            throw new ArgumentException($"Feature maps need {rows * InputSize} input values and room for {rows * OutputWidth} outputs.");
        using var inference = torch.inference_mode();
        using var scope = NewDisposeScope();
        Compute(TensorCopy.ToTensor(inputs, rows, InputSize, _model.Device), rows, outputs);
    }

    public Device Device => _model.Device;

    public void Compute(HostBatchBuffer inputs, int rows, Span<float> outputs)
    {
        if (inputs.Columns != InputSize || outputs.Length < rows * OutputWidth)
            throw new ArgumentException($"Feature maps need rows of {InputSize} values (the buffer has {inputs.Columns}) and room for {rows * OutputWidth} outputs.");
        using var inference = torch.inference_mode();
        using var scope = NewDisposeScope();
        Compute(inputs.Upload(rows), rows, outputs);
    }

    // input: (rows × InputSize) on the model's device, inside the caller's inference mode and dispose scope.
    private void Compute(Tensor input, int rows, Span<float> outputs)
    {
        // Image layers (batch, channels, height, width) pool over all height × width positions.
        var maps = _model.Network.ForwardTo(Layer, input);
        if (LayerPositions != null) maps = maps.flatten(2);
        var result = LayerPositions == null || Pooling == FeatureMapPooling.None ? maps.reshape(rows, -1) : Pooling switch
        {
            FeatureMapPooling.Max => maps.amax([2]),
            FeatureMapPooling.Mean => maps.mean([2]),
            _ => cat([maps.amax([2]), maps.mean([2])], 1),
        };
        TensorCopy.ToSpan(result, outputs[..(rows * OutputWidth)]);
    }

    public Delegate?[] CreateGetters(Func<ReadOnlyMemory<float>> currentRowOutputs, IReadOnlyList<bool> active) =>
        VectorOutputColumn.CreateGetters(currentRowOutputs, active);

    /// <summary>
    /// The output shape of any name <see cref="CnnNetwork.ValidLayerNames"/> lists: a layer in
    /// <see cref="CnnNetwork.Shapes"/>, or one that keeps the shape of the layer before it
    /// (batch norm, activation, dropout).
    /// </summary>
    private static LayerShape LayerShapeOf(CnnNetwork network, string layer)
    {
        LayerShape? current = null;
        foreach (string name in network.ValidLayerNames())
        {
            current = network.Shapes.FirstOrDefault(s => s.Name == name) ?? current;
            if (name == layer && current != null) return current;
        }
        throw new ArgumentException(
            $"Feature maps: network '{network.Spec.Name}' has no layer '{layer}'. Valid layers: {string.Join(", ", network.ValidLayerNames())}.", nameof(layer));
    }
}
