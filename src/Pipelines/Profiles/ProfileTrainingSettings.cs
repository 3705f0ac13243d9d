using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Settings of the ready-made profile pipeline (<see cref="ProfileModels.Train"/>): one-hot DNA of
/// the data's window length, then a BPNet-style profile-and-count model or a binned-track model.
/// The output window and the number of tracks come from the data (its label is tracks × positions).
/// </summary>
public sealed class ProfileTrainingSettings
{
    /// <summary>Profile and count (BPNet, default) or binned tracks (Basenji).</summary>
    public TrackHeadKind Head { get; set; } = TrackHeadKind.ProfileAndCount;

    /// <summary>The input window in bases (the data's). Default 1,000.</summary>
    public int Length { get; set; } = 1000;

    /// <summary>The output window in bases, centred in the input (the data's). Default 1,000.</summary>
    public int OutputLength { get; set; } = 1000;

    /// <summary>Bases per bin of a binned head (the data's bin size); must be 1 for a profile head. Default 1.</summary>
    public int BinSize { get; set; } = 1;

    /// <summary>The loss of a binned head. Default Poisson.</summary>
    public TrackLoss Loss { get; set; } = TrackLoss.Poisson;

    /// <summary>Whether the tracks are (plus, minus) pairs, which swap on the reverse strand. Default false.</summary>
    public bool Stranded { get; set; }

    /// <summary>The count-loss weight λ; null for BPNet's rule (median total count ÷ 10, at least 1).</summary>
    public float? CountWeight { get; set; }

    /// <summary>
    /// Dilated residual blocks of the BPNet trunk when <see cref="CnnTrainingOptions.Network"/> is not
    /// set. Default 9 (BPNet; a receptive field of about 2 kb). Fewer suit short windows and small data.
    /// </summary>
    public int Layers { get; set; } = 9;

    /// <summary>Channels of the BPNet trunk when no network is set. Default 64.</summary>
    public int Filters { get; set; } = 64;

    /// <summary>How the model is trained (network, epochs, batch, learning rate, early stopping, seed). Default: that type's defaults.</summary>
    public CnnTrainingOptions Training { get; set; } = new();

    /// <summary>Train on the reverse complement of each window with probability ½, its tracks mirrored (and strands swapped). Default true.</summary>
    public bool ReverseComplementAugment { get; set; } = true;

    /// <summary>Shift training windows by up to this many bases, the tracks moving with them (profile heads only). Default 0.</summary>
    public int MaxShift { get; set; }

    /// <summary>Score both strands and average, the reverse strand's tracks mirrored back (saved with the model). Default false.</summary>
    public bool ReverseComplementAverage { get; set; }

    /// <summary>Checkpoints, resuming and cancellation. Default: none.</summary>
    public TrainingRecovery Recovery { get; set; } = new();
}
