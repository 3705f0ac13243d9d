using Cnn.MLNet.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The raw output an attribution explains, as a differentiable function of the input: the
/// network's output, or for a model saved with reverse-complement averaging the mean of the
/// outputs on both strands (as <see cref="CnnModel.Forward(ReadOnlySpan{float}, int, Span{float})"/> scores).
/// </summary>
internal static class NetworkOutput
{
    public static Tensor Of(CnnModel model, Tensor inputs) =>
        model.Strands is { } strands
            ? torch.stack([model.Network.forward(inputs), model.AlignToForwardStrand(model.Network.forward(strands.Apply(inputs)))]).mean([0])
            : model.Network.forward(inputs);

    /// <summary>DeepLIFT's input-side and reference-side outputs, averaged over both strands for reverse-complement-averaged models.</summary>
    public static (Tensor Input, Tensor Reference) DeepLift(CnnModel model, Tensor inputs, Tensor references)
    {
        var forward = DeepLiftNetwork.Forward(model.Network, inputs, references);
        if (model.Strands is not { } strands) return forward;
        var reverse = DeepLiftNetwork.Forward(model.Network, strands.Apply(inputs), strands.Apply(references));
        return (torch.stack([forward.Input, model.AlignToForwardStrand(reverse.Input)]).mean([0]),
            torch.stack([forward.Reference, model.AlignToForwardStrand(reverse.Reference)]).mean([0]));
    }

    /// <summary>
    /// The (rows × repeat) × outputs tensor of each row's target weights, repeated for its
    /// <paramref name="repeat"/> references or path points: the gradient of Σ weight · output holds each row's own gradient.
    /// </summary>
    public static Tensor Selector(ReadOnlySpan<float> weights, int repeat, int outputs, Device device)
    {
        int rows = weights.Length / outputs;
        var selector = new float[rows * repeat * outputs];
        for (int r = 0; r < rows; r++)
            for (int n = 0; n < repeat; n++) weights.Slice(r * outputs, outputs).CopyTo(selector.AsSpan((r * repeat + n) * outputs, outputs));
        return TensorCopy.ToTensor(selector, rows * repeat, outputs, device);
    }
}
