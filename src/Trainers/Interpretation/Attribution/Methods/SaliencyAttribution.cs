using Cnn.MLNet.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// Gradient × input, optionally with the simplex correction: on a one-hot sequence the gradient's
/// mean over the symbol channels at each position is subtracted first (Majdandzic et al. 2023),
/// since an input on the simplex cannot move off it and that component is noise. Its hypothetical
/// contribution is the (corrected) gradient itself. The gradient is taken with respect to the input
/// only (<c>torch.autograd.grad</c>, never <c>backward</c>), so the network's parameter gradients are never written.
/// </summary>
internal sealed class SaliencyAttribution(int symbolChannels, bool simplexCorrection) : IAttributionMethod
{
    public bool SumsToDelta => false;

    public void Compute(CnnModel model, ReadOnlySpan<float> inputs, AttributionBatch batch)
    {
        int rows = batch.Rows, size = model.Input.Size;
        using var grad = torch.enable_grad();
        using var scope = NewDisposeScope();
        var x = TensorCopy.ToTensor(inputs, rows, size, model.Device).requires_grad_(true);
        var y = NetworkOutput.Of(model, x);
        var selector = NetworkOutput.Selector(batch.Weights, 1, model.Outputs, model.Device);
        var gradient = torch.autograd.grad([y], [x], [selector])[0].view(rows, model.Input.Channels, -1);
        if (simplexCorrection && symbolChannels > 0)
        {
            var symbols = gradient.narrow(1, 0, symbolChannels);
            var centred = symbols - symbols.mean([1], keepdim: true);
            gradient = gradient.shape[1] > symbolChannels ? torch.cat([centred, gradient.narrow(1, symbolChannels, gradient.shape[1] - symbolChannels)], 1) : centred;
        }
        var flat = gradient.reshape(rows, -1);
        TensorCopy.ToSpan(flat * x.detach(), batch.Contributions);
        if (batch.Hypothetical is { } hypothetical)
        {
            // Symbol channels: the gradient is what each symbol would contribute; other channels keep gradient × input.
            int channels = model.Input.Channels;
            var shaped = flat.view(rows, channels, -1);
            var result = shaped.narrow(1, 0, symbolChannels);
            if (channels > symbolChannels)
                result = torch.cat([result, (shaped * x.detach().view(rows, channels, -1)).narrow(1, symbolChannels, channels - symbolChannels)], 1);
            TensorCopy.ToSpan(result.reshape(rows, -1), hypothetical);
        }
    }
}
