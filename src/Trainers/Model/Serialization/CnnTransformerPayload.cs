namespace Cnn.MLNet.Trainers;

/// <summary>
/// A <see cref="CnnPredictionTransformer"/> as bytes: its configuration (architecture,
/// task, input shape and encoding, column name, batch size) as UTF-8 JSON, and the network's
/// weights and buffers in TorchSharp's state-dict format. Where the two parts are stored is the
/// caller's business (the model container keeps them as two entries).
/// </summary>
/// <param name="Config">The configuration, UTF-8 JSON (<see cref="CnnTransformerConfig"/>).</param>
/// <param name="Weights">The network's parameters and buffers (<see cref="NetworkWeights"/>).</param>
internal sealed record CnnTransformerPayload(byte[] Config, byte[] Weights);
