using System.Buffers;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Attributions as an <see cref="IBatchedRowFunction"/>: per row, how much each input value drives
/// one raw network output (the target). Saliency takes the gradient with respect to the input
/// only (<c>torch.autograd.grad</c>, never <c>backward</c>, so the shared network's parameter
/// gradients are never written); in-silico mutagenesis runs every single-base substitution of a
/// batch through the network in chunks. Saliency works on any encoding, a k-mer encoding
/// (<see cref="SequenceEncodingSpec.Order"/> &gt; 1) included: its values are per k-mer channel and
/// k-mer position (position i = the k-mer starting at base i). Mutagenesis needs order 1.
/// </summary>
internal sealed class AttributionFunction : IBatchedRowFunction
{
    /// <summary>Nucleotide channels (A, C, G, T/U) at the start of a DNA/RNA encoding; a soft-mask channel may follow.</summary>
    internal const int NucleotideChannels = 4;

    /// <summary>Mutant values (rows × input size) per forward pass in in-silico mutagenesis, at most.</summary>
    private const int MutantValuesPerPass = 1 << 20;

    private readonly CnnModel _model;

    /// <exception cref="ArgumentException">The target output is out of range, or a multi-task model with several outputs was given no target.</exception>
    /// <exception cref="NotSupportedException">In-silico mutagenesis on a model that is not DNA/RNA.</exception>
    public AttributionFunction(CnnModel model, AttributionMethod method, AttributionShape shape, int? targetOutput, string outputColumnName)
    {
        if (!Enum.IsDefined(method))
            throw new ArgumentOutOfRangeException(nameof(method), method, "Attribution: method must be Saliency or InSilicoMutagenesis.");
        if (!Enum.IsDefined(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Attribution: shape must be PerBase or PerPosition.");
        int outputs = model.Outputs;
        if (targetOutput is int t && (t < 0 || t >= outputs))
            throw new ArgumentException($"Attribution: targetOutput {t} is out of range; the model has {outputs} output(s), so it must be in [0, {outputs - 1}].", nameof(targetOutput));
        if (targetOutput == null && outputs > 1 && model.TaskKind != CnnTaskKind.MulticlassClassification)
            throw new ArgumentException($"Attribution: the {model.TaskKind} model has {outputs} outputs; set targetOutput to one of [0, {outputs - 1}].", nameof(targetOutput));
        if (method == AttributionMethod.InSilicoMutagenesis)
        {
            var encoding = model.Input.Encoding;
            if (encoding == null || encoding.Alphabet is not (SequenceAlphabet.Dna or SequenceAlphabet.Rna) || model.Input.Channels < NucleotideChannels)
                throw new NotSupportedException("Attribution: in-silico mutagenesis substitutes nucleotides, so it needs a DNA or RNA model (features from "
                    + $"ml.Transforms.OneHotEncodeSequence with the Dna or Rna alphabet); this model's input is "
                    + (encoding == null ? $"a plain vector with {model.Input.Channels} channels" : $"encoded as {encoding.Alphabet}")
                    + ". Use AttributionMethod.Saliency instead.");
            // Mutating one base changes k overlapping k-mer columns at once, and which ones follows from the
            // sequence, not from the columns alone (an ambiguity code spreads over several k-mers).
            if (encoding.Order > 1)
                throw new NotSupportedException("Attribution: in-silico mutagenesis substitutes single bases in the one-hot input, so it needs a first-order "
                    + $"encoding (one base per channel); this model was trained with Order = {encoding.Order} ({encoding.ChannelCount} k-mer channels). "
                    + "Use AttributionMethod.Saliency (gradient × input per k-mer channel and position), or train with Order = 1.");
        }

        _model = model;
        Method = method;
        Shape = shape;
        TargetOutput = targetOutput;
        // Per position: summed over channels, so length values for sequences and height × width for images.
        OutputWidth = shape == AttributionShape.PerBase ? model.Input.Size : model.Input.Size / model.Input.Channels;
        OutputColumns = [VectorOutputColumn.Declare(outputColumnName, OutputWidth)];
    }

    /// <summary>The attribution method.</summary>
    public AttributionMethod Method { get; }

    /// <summary>The output layout.</summary>
    public AttributionShape Shape { get; }

    /// <summary>The raw output explained, or null for each row's predicted class (multiclass) or the only output.</summary>
    public int? TargetOutput { get; }

    public string Component => "Attribution";

    public int InputSize => _model.Input.Size;

    public int OutputWidth { get; }

    public IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    public void Compute(ReadOnlySpan<float> inputs, int rows, Span<float> outputs)
    {
        if (inputs.Length < rows * InputSize || outputs.Length < rows * OutputWidth)
            throw new ArgumentException($"Attribution needs {rows * InputSize} input values and room for {rows * OutputWidth} outputs.");
        if (rows == 0) return;
        if (Method == AttributionMethod.Saliency) Saliency(inputs, rows, outputs);
        else Mutagenesis(inputs, rows, outputs);
    }

    public Device Device => _model.Device;

    public Delegate?[] CreateGetters(Func<ReadOnlyMemory<float>> currentRowOutputs, IReadOnlyList<bool> active) =>
        VectorOutputColumn.CreateGetters(currentRowOutputs, active);

    /// <summary>The target output of each row: <see cref="TargetOutput"/>, else the predicted class (first maximum, as scoring), else 0.</summary>
    private void Targets(ReadOnlySpan<float> rawOutputs, int rows, Span<int> targets)
    {
        int k = _model.Outputs;
        for (int r = 0; r < rows; r++)
        {
            if (TargetOutput is int t) { targets[r] = t; continue; }
            var row = rawOutputs.Slice(r * k, k);
            int best = 0;
            for (int i = 1; i < k; i++) if (row[i] > row[best]) best = i;
            targets[r] = best;
        }
    }

    private void Saliency(ReadOnlySpan<float> inputs, int rows, Span<float> outputs)
    {
        int k = _model.Outputs;
        var raw = new float[rows * k];
        var selector = new float[rows * k];
        var targets = new int[rows];
        using var grad = torch.enable_grad();
        using var scope = NewDisposeScope();
        var x = TensorCopy.ToTensor(inputs, rows, InputSize, _model.Device).requires_grad_(true);
        var y = _model.Network.forward(x);
        TensorCopy.ToSpan(y.detach(), raw);
        Targets(raw, rows, targets);
        for (int r = 0; r < rows; r++) selector[r * k + targets[r]] = 1;
        // Rows are independent in eval mode, so the gradient of Σ_rows y[row, target] holds each row's own gradient.
        // With respect to the input only (autograd.grad, never backward): the parameters' gradients are never written.
        var weights = TensorCopy.ToTensor(selector, rows, k, _model.Device);
        var gradient = torch.autograd.grad([y], [x], [weights])[0];
        var attribution = (gradient * x.detach()).view(rows, _model.Input.Channels, -1);
        var result = Shape == AttributionShape.PerBase ? attribution.reshape(rows, -1) : attribution.sum(1);
        TensorCopy.ToSpan(result, outputs[..(rows * OutputWidth)]);
    }

    private void Mutagenesis(ReadOnlySpan<float> inputs, int rows, Span<float> outputs)
    {
        int size = InputSize, length = _model.Input.Length, k = _model.Outputs;
        var reference = new float[rows * k];
        var targets = new int[rows];
        _model.Forward(inputs, rows, reference);
        Targets(reference, rows, targets);

        int chunk = Math.Clamp(MutantValuesPerPass / size, 1, 1024);
        var mutants = ArrayPool<float>.Shared.Rent(chunk * size);
        var mutantOutputs = ArrayPool<float>.Shared.Rent(chunk * k);
        var pending = new (int Row, int Position, int Base)[chunk];
        var perBase = new float[rows * size];
        try
        {
            int count = 0;
            for (int r = 0; r < rows; r++)
            {
                var row = inputs.Slice(r * size, size);
                for (int p = 0; p < length; p++)
                {
                    for (int b = 0; b < NucleotideChannels; b++)
                    {
                        if (IsOneHot(row, length, p, b)) continue; // the reference itself: effect 0, no forward pass
                        var mutant = mutants.AsSpan(count * size, size);
                        row.CopyTo(mutant);
                        for (int c = 0; c < NucleotideChannels; c++) mutant[c * length + p] = c == b ? 1 : 0;
                        pending[count++] = (r, p, b);
                        if (count == chunk)
                        {
                            Flush(count, mutants, mutantOutputs, pending, targets, reference, perBase);
                            count = 0;
                        }
                    }
                }
            }
            if (count > 0) Flush(count, mutants, mutantOutputs, pending, targets, reference, perBase);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(mutants);
            ArrayPool<float>.Shared.Return(mutantOutputs);
        }

        if (Shape == AttributionShape.PerBase)
        {
            perBase.CopyTo(outputs);
        }
        else
        {
            int channels = _model.Input.Channels;
            var summed = outputs[..(rows * length)];
            summed.Clear();
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < channels; c++)
                    for (int p = 0; p < length; p++)
                        summed[r * length + p] += perBase[r * size + c * length + p];
        }
    }

    /// <summary>Scores <paramref name="n"/> mutants and stores score(mutant) − score(reference) of each at its row, base and position.</summary>
    private void Flush(int n, float[] mutants, float[] mutantOutputs, (int Row, int Position, int Base)[] pending, int[] targets, float[] reference, float[] perBase)
    {
        int size = InputSize, length = _model.Input.Length, k = _model.Outputs;
        _model.Forward(mutants.AsSpan(0, n * size), n, mutantOutputs);
        for (int i = 0; i < n; i++)
        {
            var (r, p, b) = pending[i];
            int t = targets[r];
            perBase[r * size + b * length + p] = mutantOutputs[i * k + t] - reference[r * k + t];
        }
    }

    /// <summary>True when position <paramref name="p"/> holds exactly base <paramref name="b"/> (1 there, 0 in the other nucleotide channels).</summary>
    private static bool IsOneHot(ReadOnlySpan<float> row, int length, int p, int b)
    {
        for (int c = 0; c < NucleotideChannels; c++)
            if (row[c * length + p] != (c == b ? 1f : 0f)) return false;
        return true;
    }
}
