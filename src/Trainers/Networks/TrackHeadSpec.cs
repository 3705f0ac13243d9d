namespace Cnn.MLNet.Trainers;

/// <summary>What a <see cref="TrackHeadSpec"/> predicts.</summary>
public enum TrackHeadKind
{
    /// <summary>
    /// BPNet's two heads: a per-position logit track per output track (the profile, trained with a
    /// multinomial negative log-likelihood) and a log(total + 1) count per track (trained with
    /// squared error). Raw outputs: tracks × positions profile logits, track-major, then one log
    /// count per track.
    /// </summary>
    ProfileAndCount,
    /// <summary>
    /// Basenji's binned regression: one value per bin per track (mean of the per-position
    /// predictions over each bin), trained with Poisson or squared-error loss. Raw outputs:
    /// tracks × bins, track-major.
    /// </summary>
    Binned,
}

/// <summary>
/// A head that predicts coverage tracks over an output window instead of a few numbers: it
/// replaces the dense head when set on <see cref="NetworkSpec.TrackHead"/>. The trunk must keep
/// its positions (no global pool). The profile comes from a transposed convolution over the trunk's
/// last feature map ("profile deconvolution", as in BPNet), centre-cropped to
/// <see cref="OutputLength"/>; the count from a global average pool of the same map and a linear
/// layer. The number of tracks is the task's: outputs ÷ (positions + 1), or outputs ÷ bins.
/// </summary>
public sealed record TrackHeadSpec
{
    /// <summary>What the head predicts. Default <see cref="TrackHeadKind.ProfileAndCount"/>.</summary>
    public TrackHeadKind Kind { get; init; } = TrackHeadKind.ProfileAndCount;

    /// <summary>Positions of the output window, centred in the input (at most the trunk's output length). Default 1,000.</summary>
    public int OutputLength { get; init; } = 1000;

    /// <summary>Kernel of the profile's transposed convolution; odd, so it keeps the positions. Default 25 (BPNet).</summary>
    public int KernelSize { get; init; } = 25;

    /// <summary>Positions per bin (<see cref="TrackHeadKind.Binned"/> only); must divide <see cref="OutputLength"/>. Default 1.</summary>
    public int BinSize { get; init; } = 1;

    /// <summary>Output values per track: positions + 1 (the count) for a profile head, bins for a binned head.</summary>
    public int ValuesPerTrack => Kind == TrackHeadKind.ProfileAndCount ? OutputLength + 1 : OutputLength / Math.Max(BinSize, 1);
}
