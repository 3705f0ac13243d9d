using Cnn.MLNet.Trainers;
using Microsoft.ML.Runtime;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// A <see cref="CnnPredictionTransformer"/> as two entries, its configuration (JSON) and its
/// weights; what they hold is the trainers' business (<see cref="CnnTransformerSerializer"/>).
/// </summary>
internal static class CnnComponentCodec
{
    public static (byte[] Config, byte[] Weights) Save(CnnPredictionTransformer transformer)
    {
        var payload = CnnTransformerSerializer.Save(transformer);
        return (payload.Config, payload.Weights);
    }

    /// <exception cref="FormatException">The configuration or weights are invalid.</exception>
    public static CnnPredictionTransformer Load(IHostEnvironment environment, byte[] config, byte[] weights) =>
        CnnTransformerSerializer.Load(environment, new CnnTransformerPayload(config, weights));
}
