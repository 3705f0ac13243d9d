using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// The module for <see cref="TrackHeadSpec"/>: maps the trunk's (batch, channels, length) map to
/// (batch, outputs) raw values. Profile: a transposed convolution (same padding) to one channel
/// per track, centre-cropped to the output window and flattened track-major; binned: the same,
/// averaged per bin; count (profile heads): a global average pool and a linear layer, appended
/// after the profile. Every step is linear, which DeepLIFT relies on (it runs the head as it is).
/// </summary>
internal sealed class TrackHead : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> profile;
    private readonly Module<Tensor, Tensor>? count;
    private readonly TrackHeadSpec _spec;
    private readonly int _crop;

    public TrackHead(TrackHeadSpec spec, int channels, int length, int tracks) : base("output")
    {
        _spec = spec;
        _crop = (length - spec.OutputLength) / 2;
        Tracks = tracks;
        profile = ConvTranspose1d(channels, tracks, spec.KernelSize, padding: (spec.KernelSize - 1) / 2);
        if (spec.Kind == TrackHeadKind.ProfileAndCount) count = Linear(channels, tracks);
        RegisterComponents();
    }

    /// <summary>Output tracks.</summary>
    public int Tracks { get; }

    /// <summary>The transposed convolution (its weights are "output.profile.*").</summary>
    internal Module<Tensor, Tensor> Profile => profile;

    /// <summary>The count layer after global average pooling, or null for a binned head.</summary>
    internal Module<Tensor, Tensor>? Count => count;

    internal TrackHeadSpec Spec => _spec;

    /// <summary>Start of the centred output window in the trunk's positions.</summary>
    internal int CropStart => _crop;

    public override Tensor forward(Tensor trunk)
    {
        using var scope = NewDisposeScope();
        var track = profile.forward(trunk).narrow(2, _crop, _spec.OutputLength);
        if (_spec.Kind == TrackHeadKind.Binned && _spec.BinSize > 1)
            track = functional.avg_pool1d(track, _spec.BinSize, _spec.BinSize);
        var flat = track.flatten(1);
        if (count is null) return flat.MoveToOuterDisposeScope();
        var total = count.forward(trunk.mean([2]));
        return torch.cat([flat, total], 1).MoveToOuterDisposeScope();
    }
}
