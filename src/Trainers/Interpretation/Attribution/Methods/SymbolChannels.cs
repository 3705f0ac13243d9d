using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Interpretation;

/// <summary>
/// The channels of a one-hot sequence input that hold symbols (A, C, G, T; amino acids; k-mers),
/// as opposed to a soft-mask channel: those a hypothetical contribution and the simplex correction
/// range over. Symbol channels come first in every encoding.
/// </summary>
internal static class SymbolChannels
{
    /// <summary>The number of symbol channels, or 0 when the input is not a one-hot sequence.</summary>
    public static int Of(InputShape input) =>
        input.IsImage || input.Encoding is not { } e ? 0 : e.ChannelCount - (e.SoftMaskChannel ? 1 : 0);
}
