using System.Text.Json;
using Cnn.MLNet.Transforms;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Turns a fitted <see cref="CnnPredictionTransformer"/> into a <see cref="CnnTransformerPayload"/>
/// and back. Loading rebuilds the network from its spec for the saved input shape and output
/// count, loads the weights on the CPU, moves the network to the device the MLContext selects and
/// puts it in evaluation mode, so a reloaded model scores bit-identically on the same device.
/// </summary>
internal static class CnnTransformerSerializer
{
    public static CnnTransformerPayload Save(CnnPredictionTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return Save(transformer.Model, transformer.FeatureColumnName, transformer.ScoringBatchSize);
    }

    /// <summary>
    /// A network as a transformer would save it, for components that hold a CNN without being a
    /// <see cref="CnnPredictionTransformer"/> (feature maps, attributions): the column it reads and
    /// the rows per batch are theirs.
    /// </summary>
    public static CnnTransformerPayload Save(CnnModel model, string featureColumnName, int scoringBatchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = new CnnTransformerConfig(
            CnnTransformerConfig.CurrentFormatVersion,
            CnnTransformerConfig.CurrentWeightsFormat,
            featureColumnName,
            scoringBatchSize,
            TaskConfigs.From(model.Task),
            new InputConfig(model.Input.Channels, model.Input.Length, model.Input.Encoding is { } encoding ? Parse(encoding.ToJson()) : null) { Height = model.Input.Height },
            Parse(model.Spec.ToJson()))
        { ReverseComplementAverage = model.AverageReverseComplement };
        return new CnnTransformerPayload(config.ToUtf8(), NetworkWeights.Write(model.Network));
    }

    /// <summary>Rebuilds the transformer under <paramref name="environment"/>'s device settings.</summary>
    /// <exception cref="FormatException">The configuration or the weights are invalid or inconsistent.</exception>
    /// <exception cref="TorchNativeLoadException">TorchSharp's native libraries cannot be loaded.</exception>
    public static CnnPredictionTransformer Load(IHostEnvironment environment, CnnTransformerPayload payload)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(payload);
        var config = CnnTransformerConfig.FromUtf8(payload.Config);
        var task = TaskConfigs.ToTask(config.Task);
        var spec = NetworkSpec.FromJson(config.Network.GetRawText());
        var input = ReadInput(config.Input);

        TorchRuntime.EnsureInitialized();
        var device = TorchDevicePolicy.Select(environment);
        CnnNetwork network;
        try { network = input.CreateNetwork(spec, task.Outputs); }
        catch (ArgumentException e) { throw new FormatException($"The saved network spec does not fit the saved input shape: {e.Message}", e); }
        try
        {
            NetworkWeights.Read(network, payload.Weights);
            network.to(device);
            CnnModel model;
            try { model = new CnnModel(network, task, input, device, []) { AverageReverseComplement = config.ReverseComplementAverage }; }
            catch (ArgumentException e) { throw new FormatException($"The saved model averages both strands but its input is not one-hot DNA or RNA: {e.Message}", e); }
            return new CnnPredictionTransformer(model, config.FeatureColumnName, config.ScoringBatchSize);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static InputShape ReadInput(InputConfig config)
    {
        if (config.Channels < 1 || config.Length < 1 || config.Height is < 1)
            throw new FormatException($"The saved input shape {config.Channels} × {(config.Height is int h ? $"{h} × " : "")}{config.Length} is not valid.");
        if (config.Height is int height)
        {
            if (config.Encoding != null) throw new FormatException("The saved input is an image but also carries a sequence encoding.");
            return InputShape.Image(config.Channels, height, config.Length);
        }
        if (config.Encoding is not { } json) return new InputShape(config.Channels, config.Length, null);
        var encoding = SequenceEncodingSpec.FromJson(json.GetRawText());
        if (encoding.ChannelCount != config.Channels || encoding.Positions != config.Length)
            throw new FormatException($"The saved input shape {config.Channels} × {config.Length} does not match its encoding ({encoding.ChannelCount} × {encoding.Positions}).");
        return new InputShape(config.Channels, config.Length, encoding);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
