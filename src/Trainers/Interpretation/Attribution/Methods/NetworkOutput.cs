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
            ? torch.stack([model.Network.forward(inputs), model.Network.forward(strands.Apply(inputs))]).mean([0])
            : model.Network.forward(inputs);

    /// <summary>DeepLIFT's input-side and reference-side outputs, averaged over both strands for reverse-complement-averaged models.</summary>
    public static (Tensor Input, Tensor Reference) DeepLift(CnnModel model, Tensor inputs, Tensor references)
    {
        var forward = DeepLiftNetwork.Forward(model.Network, inputs, references);
        if (model.Strands is not { } strands) return forward;
        var reverse = DeepLiftNetwork.Forward(model.Network, strands.Apply(inputs), strands.Apply(references));
        return (torch.stack([forward.Input, reverse.Input]).mean([0]), torch.stack([forward.Reference, reverse.Reference]).mean([0]));
    }

    /// <summary>A (rows × outputs) tensor with 1 at each row's target and 0 elsewhere: the gradient of Σ rows y[row, target] holds each row's own gradient.</summary>
    public static Tensor Selector(ReadOnlySpan<int> targets, int repeat, int outputs, Device device)
    {
        var selector = new float[targets.Length * repeat * outputs];
        for (int r = 0; r < targets.Length; r++)
            for (int n = 0; n < repeat; n++) selector[(r * repeat + n) * outputs + targets[r]] = 1;
        return TensorCopy.ToTensor(selector, targets.Length * repeat, outputs, device);
    }
}
