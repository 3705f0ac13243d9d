using Cnn.MLNet.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// DeepLIFT (rescale rule) against each row's references, averaged over them (DeepSHAP): per
/// reference n, multiplier m_n (the gradient of <see cref="DeepLiftNetwork"/>'s input-side output)
/// × (x − r_n). Hypothetical contributions of symbol channel b at a position are the mean over
/// references of m_n[b] − Σ_c m_n[c]·r_n[c] (what the contribution would be were b the base there;
/// the actual contribution is the present base's). Rows are processed a few at a time so that
/// rows × references stays near <see cref="SamplesPerPass"/>.
/// </summary>
internal sealed class DeepLiftAttribution(AttributionReferences references, int symbolChannels) : IAttributionMethod
{
    /// <summary>Input–reference pairs per pass, at most (one row with more references than this is still one pass).</summary>
    public const int SamplesPerPass = 256;

    public bool SumsToDelta => true;

    public void Compute(CnnModel model, ReadOnlySpan<float> inputs, AttributionBatch batch)
    {
        int size = model.Input.Size, n = references.Count;
        int chunk = Math.Max(1, SamplesPerPass / n);
        var refs = new float[chunk * n * size];
        for (int first = 0; first < batch.Rows; first += chunk)
        {
            int rows = Math.Min(chunk, batch.Rows - first);
            var slice = inputs.Slice(first * size, rows * size);
            references.Fill(slice, rows, refs);
            Pass(model, slice, rows, refs.AsSpan(0, rows * n * size), batch, first);
        }
    }

    private void Pass(CnnModel model, ReadOnlySpan<float> inputs, int rows, ReadOnlySpan<float> refs, AttributionBatch batch, int first)
    {
        int size = model.Input.Size, n = references.Count, channels = model.Input.Channels, k = model.Outputs;
        using var grad = torch.enable_grad();
        using var scope = NewDisposeScope();
        var x = TensorCopy.ToTensor(inputs, rows, size, model.Device);
        var repeated = x.repeat_interleave(n, 0).detach().requires_grad_(true);
        var r = TensorCopy.ToTensor(refs, rows * n, size, model.Device);
        var (output, referenceOutput) = NetworkOutput.DeepLift(model, repeated, r);
        var selector = NetworkOutput.Selector(batch.Weights.AsSpan(first * k, rows * k), n, k, model.Device);
        var multipliers = torch.autograd.grad([output], [repeated], [selector])[0].detach();

        var difference = repeated.detach() - r;
        var contributions = (multipliers * difference).view(rows, n, size).mean([1]);
        TensorCopy.ToSpan(contributions, batch.Contributions.AsSpan(first * size, rows * size));

        // Δ per row: the target output minus the mean over references of the reference output.
        var target = (output.detach() * selector).sum([1]).view(rows, n);
        var referenceTarget = (referenceOutput.detach() * selector).sum([1]).view(rows, n);
        TensorCopy.ToSpan((target - referenceTarget).mean([1]), batch.Deltas!.AsSpan(first, rows));

        if (batch.Hypothetical is { } hypothetical)
        {
            var m = multipliers.view(rows * n, channels, -1);
            var rv = r.view(rows * n, channels, -1);
            var symbols = m.narrow(1, 0, symbolChannels);
            var offset = (symbols * rv.narrow(1, 0, symbolChannels)).sum([1], keepdim: true);
            var hypotheticalSymbols = (symbols - offset).view(rows, n, symbolChannels, size / channels).mean([1]);
            if (channels > symbolChannels) // a soft-mask channel: its actual contribution, as it has no alternatives
            {
                int positions = size / channels;
                var other = (m * difference.view(rows * n, channels, -1)).narrow(1, symbolChannels, channels - symbolChannels).view(rows, n, channels - symbolChannels, positions).mean([1]);
                hypotheticalSymbols = torch.cat([hypotheticalSymbols, other], 1);
            }
            TensorCopy.ToSpan(hypotheticalSymbols.reshape(rows, -1), hypothetical.AsSpan(first * size, rows * size));
        }
    }
}
