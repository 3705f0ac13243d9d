namespace Cnn.MLNet.Pipelines;

/// <summary>
/// A search space as coordinates for the proposers: one categorical dimension per list of choices
/// (an index into it) and the learning rate as a continuous dimension on a log scale.
/// </summary>
internal sealed class SearchDimensions
{
    private readonly CnnSearchSpace _space;
    private readonly Dimension[] _categorical;

    public SearchDimensions(CnnSearchSpace space)
    {
        _space = space;
        _categorical =
        [
            Of(space.Filters, (o, v) => o.Filters = v, o => o.Filters),
            Of(space.KernelSizes, (o, v) => o.KernelSize = v, o => o.KernelSize),
            Of(space.ConvBlocks, (o, v) => o.ConvBlocks = v, o => o.ConvBlocks),
            Of(space.DeeperKernelSizes, (o, v) => o.DeeperKernelSize = v, o => o.DeeperKernelSize),
            Of(space.Pools, (o, v) => o.Pool = v, o => o.Pool),
            Of(space.PoolSizes, (o, v) => o.PoolSize = v, o => o.PoolSize),
            Of(space.BatchNorm, (o, v) => o.BatchNorm = v, o => o.BatchNorm),
            Of(space.Dropouts, (o, v) => o.Dropout = v, o => o.Dropout),
            Of(space.DenseUnits, (o, v) => o.DenseUnits = v, o => o.DenseUnits),
            Of(space.BatchSizes, (o, v) => o.BatchSize = v, o => o.BatchSize),
            Of(space.ReverseComplement, (o, v) => o.ReverseComplement = v, o => o.ReverseComplement),
            Of(space.EncodingOrders, (o, v) => o.EncodingOrder = v, o => o.EncodingOrder),
        ];
        (LogMinLearningRate, LogMaxLearningRate) = (Math.Log(space.MinLearningRate), Math.Log(space.MaxLearningRate));
    }

    /// <summary>Choices per categorical dimension.</summary>
    public IReadOnlyList<int> Sizes => _categorical.Select(d => d.Size).ToArray();

    public double LogMinLearningRate { get; }

    public double LogMaxLearningRate { get; }

    /// <summary>Whether the learning rate is fixed (then the space is finite).</summary>
    public bool FixedLearningRate => LogMaxLearningRate == LogMinLearningRate;

    public CnnTrialOptions Build(IReadOnlyList<int> choices, double logLearningRate)
    {
        var options = new CnnTrialOptions { LearningRate = Math.Exp(Math.Clamp(logLearningRate, LogMinLearningRate, LogMaxLearningRate)) };
        if (FixedLearningRate) options.LearningRate = _space.MinLearningRate;
        for (int d = 0; d < _categorical.Length; d++) _categorical[d].Set(options, choices[d]);
        return options;
    }

    /// <summary>The coordinates of <paramref name="options"/>, or null when one of its values is not in the space (a preset, say).</summary>
    public (int[] Choices, double LogLearningRate)? Locate(CnnTrialOptions options)
    {
        if (options.Preset != null) return null;
        var choices = new int[_categorical.Length];
        for (int d = 0; d < choices.Length; d++)
            if ((choices[d] = _categorical[d].IndexOf(options)) < 0) return null;
        return (choices, Math.Log(options.LearningRate));
    }

    /// <summary>
    /// Every configuration of a finite space (fixed learning rate) of at most <paramref name="limit"/> points,
    /// in a fixed order; null when the space is continuous or larger.
    /// </summary>
    public IEnumerable<CnnTrialOptions>? Enumerate(long limit)
    {
        if (!FixedLearningRate) return null;
        long size = 1;
        foreach (var d in _categorical)
            if ((size *= d.Size) > limit) return null;
        return All();

        IEnumerable<CnnTrialOptions> All()
        {
            var choices = new int[_categorical.Length];
            for (long i = 0; i < size; i++)
            {
                long rest = i;
                for (int d = 0; d < choices.Length; d++) { choices[d] = (int)(rest % _categorical[d].Size); rest /= _categorical[d].Size; }
                yield return Build(choices, LogMinLearningRate);
            }
        }
    }

    private static Dimension Of<T>(T[] values, Action<CnnTrialOptions, T> set, Func<CnnTrialOptions, T> get) =>
        new(values.Length, (o, i) => set(o, values[i]), o => Array.IndexOf(values, get(o)));

    private sealed record Dimension(int Size, Action<CnnTrialOptions, int> Set, Func<CnnTrialOptions, int> IndexOf);
}
