namespace Cnn.MLNet.Pipelines;

/// <summary>A finished configuration the proposer learns from: its options and its score, oriented so that higher is better.</summary>
internal readonly record struct SweepObservation(CnnTrialOptions Options, double Score);

/// <summary>
/// Proposes the next configuration to try after the warm start: <see cref="TpeProposer"/> or uniform
/// random draws. Both skip what is not acceptable (already tried, or a network that does not fit)
/// and say when the space holds nothing more, which they only conclude after checking every point.
/// </summary>
internal class TrialProposer
{
    // Random draws tried before a finite space is checked point by point for anything left.
    private const int RandomTries = 200;
    // Finite spaces up to this many points are enumerated to prove that nothing is left.
    private const long EnumerationLimit = 1_000_000;

    protected TrialProposer(CnnSearchSpace space, int seed)
    {
        Space = space;
        Dimensions = new SearchDimensions(space);
        Random = new Random(seed);
    }

    protected CnnSearchSpace Space { get; }

    protected SearchDimensions Dimensions { get; }

    protected Random Random { get; }

    public static TrialProposer Create(SweepProposer kind, CnnSearchSpace space, int seed) =>
        kind == SweepProposer.Tpe ? new TpeProposer(space, seed) : new TrialProposer(space, seed);

    /// <summary>
    /// The next configuration and where it came from, or null when provably none is left: every point of a finite
    /// space has been tried or does not fit.
    /// </summary>
    public virtual (CnnTrialOptions Options, SweepTrialSource Source)? Next(IReadOnlyList<SweepObservation> observations, Func<CnnTrialOptions, bool> acceptable) =>
        NextRandom(acceptable) is { } options ? (options, SweepTrialSource.Random) : null;

    protected CnnTrialOptions? NextRandom(Func<CnnTrialOptions, bool> acceptable)
    {
        for (int i = 0; i < RandomTries; i++)
        {
            var candidate = Space.Draw(Random);
            if (acceptable(candidate)) return candidate;
        }
        // Random draws keep missing: a finite space may be used up. Check every point before saying so;
        // a continuous (or huge) one always has more, so keep drawing.
        if (Dimensions.Enumerate(EnumerationLimit) is { } all) return all.FirstOrDefault(acceptable);
        for (int i = 0; i < 100 * RandomTries; i++)
        {
            var candidate = Space.Draw(Random);
            if (acceptable(candidate)) return candidate;
        }
        return null;
    }
}
