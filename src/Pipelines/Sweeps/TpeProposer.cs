namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Tree-structured Parzen estimator (Bergstra et al. 2011, "Algorithms for hyper-parameter optimization";
/// the independent-dimension form Optuna uses by default). The results so far are split into the best
/// quarter ("good") and the rest; each dimension gets a density for each group (smoothed choice
/// frequencies for the lists, Gaussian kernels over the log learning rate), and of
/// <see cref="Candidates"/> points drawn from the good densities the one with the highest
/// good/bad ratio is proposed. The first <see cref="StartupTrials"/> proposals are random.
/// </summary>
internal sealed class TpeProposer(CnnSearchSpace space, int seed) : TrialProposer(space, seed)
{
    /// <summary>Random proposals before the model is used.</summary>
    public const int StartupTrials = 6;

    /// <summary>Points drawn from the good densities per proposal.</summary>
    public const int Candidates = 24;

    /// <summary>Share of the results that counts as good.</summary>
    public const double Gamma = 0.25;

    public override (CnnTrialOptions Options, SweepTrialSource Source)? Next(IReadOnlyList<SweepObservation> observations, Func<CnnTrialOptions, bool> acceptable)
    {
        var located = observations
            .Select(o => (Point: Dimensions.Locate(o.Options), o.Score))
            .Where(o => o.Point != null && double.IsFinite(o.Score))
            .Select(o => (o.Point!.Value.Choices, o.Point.Value.LogLearningRate, o.Score))
            .ToList();
        if (located.Count < StartupTrials) return base.Next(observations, acceptable);

        // Best first; ties keep the order they finished in, so the split is repeatable.
        var ordered = located.Select((o, i) => (o, i)).OrderByDescending(x => x.o.Score).ThenBy(x => x.i).Select(x => x.o).ToList();
        int goodCount = Math.Max(1, (int)Math.Ceiling(Gamma * ordered.Count));
        var good = ordered.Take(goodCount).ToList();
        var bad = ordered.Skip(goodCount).ToList();

        CnnTrialOptions? best = null;
        double bestRatio = double.NegativeInfinity;
        for (int c = 0; c < Candidates; c++)
        {
            var choices = Dimensions.Sizes.Select((size, d) => SampleChoice(good.Select(g => g.Choices[d]), size)).ToArray();
            double logRate = SampleLogRate(good.Select(g => g.LogLearningRate).ToList());
            var candidate = Dimensions.Build(choices, logRate);
            if (!acceptable(candidate)) continue;
            double ratio = 0;
            for (int d = 0; d < choices.Length; d++)
                ratio += Math.Log(ChoiceDensity(good.Select(g => g.Choices[d]), choices[d], Dimensions.Sizes[d]))
                       - Math.Log(ChoiceDensity(bad.Select(b => b.Choices[d]), choices[d], Dimensions.Sizes[d]));
            ratio += Math.Log(RateDensity(good.Select(g => g.LogLearningRate).ToList(), logRate))
                   - Math.Log(RateDensity(bad.Select(b => b.LogLearningRate).ToList(), logRate));
            if (ratio > bestRatio) (best, bestRatio) = (candidate, ratio);
        }
        if (best != null) return (best, SweepTrialSource.Model);
        // Every point the model liked was tried already: fall back to a random one (or prove none is left).
        return base.Next(observations, acceptable);
    }

    // Smoothed frequency: each choice has a prior weight of 1/size, as one pseudo-observation spread evenly.
    private static double ChoiceDensity(IEnumerable<int> observed, int choice, int size)
    {
        int n = 0, hits = 0;
        foreach (int o in observed) { n++; if (o == choice) hits++; }
        return (hits + 1.0 / size) / (n + 1.0);
    }

    private int SampleChoice(IEnumerable<int> observed, int size)
    {
        var weights = new double[size];
        foreach (int o in observed) weights[o] += 1;
        for (int i = 0; i < size; i++) weights[i] += 1.0 / size;
        double u = Random.NextDouble() * weights.Sum();
        for (int i = 0; i < size; i++)
            if ((u -= weights[i]) < 0) return i;
        return size - 1;
    }

    // A mixture of the uniform prior over the range and one Gaussian per observation (Scott-like bandwidth).
    private double RateDensity(IReadOnlyList<double> observed, double x)
    {
        double lo = Dimensions.LogMinLearningRate, hi = Dimensions.LogMaxLearningRate;
        if (hi <= lo) return 1;
        double weight = 1.0 / (observed.Count + 1), sigma = Bandwidth(observed.Count);
        double density = weight / (hi - lo);
        foreach (double m in observed)
            density += weight * Math.Exp(-0.5 * Math.Pow((x - m) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI));
        return density;
    }

    private double SampleLogRate(IReadOnlyList<double> observed)
    {
        double lo = Dimensions.LogMinLearningRate, hi = Dimensions.LogMaxLearningRate;
        if (hi <= lo) return lo;
        int component = Random.Next(observed.Count + 1);
        if (component == observed.Count) return lo + Random.NextDouble() * (hi - lo);
        // Box–Muller from the generator, so the sequence depends on the seed only.
        double u1 = 1 - Random.NextDouble(), u2 = Random.NextDouble();
        double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Clamp(observed[component] + Bandwidth(observed.Count) * normal, lo, hi);
    }

    private double Bandwidth(int n) => (Dimensions.LogMaxLearningRate - Dimensions.LogMinLearningRate) * 0.5 * Math.Pow(Math.Max(1, n), -0.2);
}
