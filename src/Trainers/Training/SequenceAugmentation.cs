namespace Cnn.MLNet.Trainers;

/// <summary>
/// Random changes applied to every training sequence each time it is read (never to validation
/// data or at scoring): the reverse complement with probability ½ — DNA has two strands and a
/// binding site reads the same on either — and a shift of up to <see cref="MaxShift"/> positions.
/// For one-hot DNA or RNA; off unless <see cref="CnnTrainerOptions.SequenceAugmentation"/> is set.
/// </summary>
public sealed class SequenceAugmentation
{
    /// <summary>Train on the reverse complement of a sequence with probability ½. Default true.</summary>
    public bool ReverseComplement { get; set; } = true;

    /// <summary>
    /// Shift by up to this many positions either way (uniform), the uncovered end filled with
    /// zeros (as the encoder pads). Default 0: no shift.
    /// </summary>
    public int MaxShift { get; set; }

    internal void Validate()
    {
        if (MaxShift < 0) throw new ArgumentException($"SequenceAugmentation.MaxShift must not be negative (was {MaxShift}).");
    }
}
