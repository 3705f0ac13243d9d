using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A trained network with what it needs to score: the task (label kind, class names), the input
/// shape and encoding, and the device. Scoring is thread-safe: forward passes run in inference
/// mode without gradients, and the network's weights are never changed after training.
/// </summary>
public sealed class CnnModel : IDisposable
{
    internal CnnModel(CnnNetwork network, CnnTask task, InputShape input, Device device, IReadOnlyList<EpochReport> history)
    {
        Network = network;
        Task = task;
        Input = input;
        Device = device;
        History = history;
        Network.eval();
    }

    /// <summary>The TorchSharp module (in evaluation mode).</summary>
    public CnnNetwork Network { get; }
    /// <summary>The architecture.</summary>
    public NetworkSpec Spec => Network.Spec;
    /// <summary>The input shape and, for sequences, the encoding the model expects.</summary>
    public InputShape Input { get; }
    /// <summary>The task kind.</summary>
    public CnnTaskKind TaskKind => Task.Kind;
    /// <summary>Class names for multiclass models (the label's key values), else null.</summary>
    public IReadOnlyList<string>? ClassNames => (Task as MulticlassClassificationTask)?.ClassNames;
    /// <summary>Per-epoch reports from training (empty for a model loaded from a file).</summary>
    public IReadOnlyList<EpochReport> History { get; }
    /// <summary>Raw outputs per row.</summary>
    public int Outputs => Task.Outputs;

    /// <summary>
    /// Whether <see cref="Forward(ReadOnlySpan{float}, int, Span{float})"/> averages the raw outputs of each sequence and its reverse
    /// complement (set by the trainer's <c>ReverseComplementAverage</c>; saved with the model).
    /// </summary>
    public bool AverageReverseComplement
    {
        get => _strands != null;
        init => _strands = value ? StrandComplement.Require(Input, "ReverseComplementAverage", "Features") : null;
    }

    private readonly StrandComplement? _strands;

    /// <summary>The strand complement the outputs are averaged over, or null (see <see cref="AverageReverseComplement"/>).</summary>
    internal StrandComplement? Strands => _strands;

    internal CnnTask Task { get; }
    internal Device Device { get; }

    /// <summary>
    /// Runs the network on <paramref name="rows"/> rows of flat features and writes the raw outputs
    /// (rows × <see cref="Outputs"/>) into <paramref name="outputs"/>.
    /// </summary>
    public void Forward(ReadOnlySpan<float> features, int rows, Span<float> outputs)
    {
        if (features.Length < rows * Input.Size || outputs.Length < rows * Outputs)
            throw new ArgumentException($"Forward needs {rows * Input.Size} feature values and room for {rows * Outputs} outputs.");
        using var inference = torch.inference_mode();
        using var scope = NewDisposeScope();
        Forward(TensorCopy.ToTensor(features, rows, Input.Size, Device), rows, outputs);
    }

    /// <summary>The forward pass of a batch already in a <see cref="HostBatchBuffer"/>: no copy on CPU, an asynchronous one on CUDA.</summary>
    internal void Forward(HostBatchBuffer features, int rows, Span<float> outputs)
    {
        if (features.Columns != Input.Size || outputs.Length < rows * Outputs)
            throw new ArgumentException($"Forward needs rows of {Input.Size} values (the buffer has {features.Columns}) and room for {rows * Outputs} outputs.");
        using var inference = torch.inference_mode();
        using var scope = NewDisposeScope();
        Forward(features.Upload(rows), rows, outputs);
    }

    // input: (rows × Input.Size) on Device, inside the caller's inference mode and dispose scope.
    private void Forward(Tensor input, int rows, Span<float> outputs)
    {
        // Both strands in one pass: the reverse complements are appended as more rows of the batch.
        Tensor raw;
        if (_strands == null) raw = Network.forward(input);
        else
        {
            var both = Network.forward(torch.cat([input, _strands.Apply(input)], 0));
            raw = torch.stack([both.narrow(0, 0, rows), AlignToForwardStrand(both.narrow(0, rows, rows))]).mean([0]);
        }
        TensorCopy.ToSpan(raw, outputs[..(rows * Outputs)]);
    }

    /// <summary>
    /// Lines up raw outputs computed on reverse-complemented inputs with the forward strand's: for
    /// tasks whose outputs are positions on the sequence (tracks), reverses them and swaps stranded
    /// pairs; for every other task the outputs are returned as they are.
    /// </summary>
    internal Tensor AlignToForwardStrand(Tensor reverseOutputs)
    {
        if (Task.ReverseStrandOutputOrder is not { } order) return reverseOutputs;
        using var index = torch.tensor(Array.ConvertAll(order, i => (long)i), device: reverseOutputs.device);
        return reverseOutputs.index_select(1, index);
    }

    /// <summary>Releases the network's native memory.</summary>
    public void Dispose() => Network.Dispose();
}
