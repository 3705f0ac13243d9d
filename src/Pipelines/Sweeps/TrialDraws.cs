namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Draws a sweep's distinct configurations from the space with one seeded generator, skipping
/// duplicates and networks that do not fit the input, so the same seed gives the same trials.
/// </summary>
internal static class TrialDraws
{
    // Tries per wanted trial before concluding the space holds no more distinct networks that fit.
    private const int TriesPerTrial = 50;

    public static IReadOnlyList<CnnTrialOptions> Draw(CnnSearchSpace space, int trials, int seed, Action<CnnTrialOptions> checkFits)
    {
        var random = new Random(seed);
        var drawn = new List<CnnTrialOptions>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? lastMisfit = null;
        for (int tries = 0; drawn.Count < trials && tries < trials * TriesPerTrial; tries++)
        {
            var candidate = space.Draw(random);
            if (!seen.Add(candidate.Key)) continue;
            try { checkFits(candidate); }
            catch (ArgumentException e)
            {
                lastMisfit = $"{candidate}: {e.Message}";
                continue;
            }
            drawn.Add(candidate);
        }
        if (drawn.Count == 0)
            throw new ArgumentException("No network in the search space fits the input: every draw failed its shape check"
                + (lastMisfit == null ? "." : $", e.g. {lastMisfit}") + " Use smaller kernels, fewer blocks or smaller pooling windows, or longer inputs.");
        return drawn;
    }
}
