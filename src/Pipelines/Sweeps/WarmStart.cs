namespace Cnn.MLNet.Pipelines;

/// <summary>
/// The sweep's first trials: the default network, then every other published preset whose shape fits
/// the input, each without and then with reverse-complement handling where strands apply, all with the
/// base settings' learning rate and batch size. They train at the full epoch budget, so the winner is
/// never worse on validation than any of them.
/// </summary>
internal static class WarmStart
{
    public static IReadOnlyList<CnnTrialOptions> Candidates(ISweepTarget target, Func<CnnTrialOptions, bool> fits)
    {
        var (rate, batch) = target.BaseTraining;
        var candidates = new List<CnnTrialOptions>();
        foreach (string preset in target.Presets)
            foreach (bool strands in target.HasStrands ? new[] { false, true } : [false])
            {
                var candidate = new CnnTrialOptions { Preset = preset, ReverseComplement = strands, LearningRate = rate, BatchSize = batch };
                if (fits(candidate)) candidates.Add(candidate);
            }
        return candidates;
    }
}
