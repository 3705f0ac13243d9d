using Microsoft.ML;
using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A per-row computation from a fixed-size float vector to a fixed-size float vector that is
/// cheapest in batches (a network's forward pass), plus the ML.NET columns read from each row's
/// result. <see cref="BatchedScoringDataView"/> runs it a batch at a time for <c>Transform</c>
/// and <see cref="SingleRowScoringMapper"/> one row at a time for <c>PredictionEngine</c>.
/// Implementations: <see cref="CnnScoringFunction"/> (network outputs → task scoring columns)
/// and <c>FeatureMaps.FeatureMapFunction</c> (a layer's activations, optionally pooled).
/// </summary>
/// <remarks>Immutable and thread-safe: one instance serves many cursors at once.</remarks>
internal interface IBatchedRowFunction
{
    /// <summary>Names the component in error messages ("Cnn scoring", "Feature maps").</summary>
    string Component { get; }

    /// <summary>Input values per row.</summary>
    int InputSize { get; }

    /// <summary>Output values per row that <see cref="Compute(ReadOnlySpan{float}, int, Span{float})"/> writes.</summary>
    int OutputWidth { get; }

    /// <summary>The columns appended to the input, in order.</summary>
    IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>
    /// Computes <paramref name="rows"/> rows at once: reads rows × <see cref="InputSize"/> values
    /// from <paramref name="inputs"/> and writes rows × <see cref="OutputWidth"/> values to
    /// <paramref name="outputs"/>.
    /// </summary>
    void Compute(ReadOnlySpan<float> inputs, int rows, Span<float> outputs);

    /// <summary>The device the computation runs on (batch buffers are made for it).</summary>
    torch.Device Device { get; }

    /// <summary>
    /// <see cref="Compute(ReadOnlySpan{float}, int, Span{float})"/> for a batch already in a
    /// <see cref="HostBatchBuffer"/>; implementations that feed the network directly from the buffer
    /// override it to skip a copy.
    /// </summary>
    void Compute(HostBatchBuffer inputs, int rows, Span<float> outputs) => Compute(inputs.Values, rows, outputs);

    /// <summary>
    /// Getters for the active <see cref="OutputColumns"/> (null for inactive ones), computed from
    /// the current row's <see cref="OutputWidth"/> values, which <paramref name="currentRowOutputs"/>
    /// returns (computing them if needed).
    /// </summary>
    Delegate?[] CreateGetters(Func<ReadOnlyMemory<float>> currentRowOutputs, IReadOnlyList<bool> active);
}
