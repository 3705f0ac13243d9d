namespace Cnn.MLNet.Interpretation;

/// <summary>
/// How <see cref="FeatureMapTransformer"/> summarises a layer's (channels × positions) activations
/// per row. Pooling applies to layers that still have positions (convolution, batch norm,
/// activation, pooling, dropout, residual blocks); flat layers (global pools, dense layers,
/// output) are returned as they are whatever the pooling.
/// </summary>
public enum FeatureMapPooling
{
    /// <summary>The whole map: channels × positions values, channel-major (all positions of channel 0 first).</summary>
    None,
    /// <summary>The maximum over positions of each channel: one value per channel (filter).</summary>
    Max,
    /// <summary>The mean over positions of each channel: one value per channel (filter).</summary>
    Mean,
    /// <summary>All per-channel maxima, then all per-channel means: two values per channel.</summary>
    MaxAndMean,
}
