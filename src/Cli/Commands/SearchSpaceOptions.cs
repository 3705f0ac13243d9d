using System.CommandLine;
using Cnn.MLNet.Pipelines.Sweeps;
using Cnn.MLNet.Trainers.Networks;

namespace Cnn.MLNet.Cli.Commands;

/// <summary><c>sweep</c>'s search-space options: each takes one or more values (<c>--filters 16 32 64</c>); left out, the default space's values.</summary>
internal sealed class SearchSpaceOptions
{
    private static readonly CnnSearchSpace Defaults = CnnSearchSpace.ForSequences();

    private readonly Option<int[]> _filters = List<int>("--filters", "Filters per convolution block", Defaults.Filters);
    private readonly Option<int[]> _kernelSizes = List<int>("--kernel-sizes", "First-block kernel widths", Defaults.KernelSizes);
    private readonly Option<int[]> _convBlocks = List<int>("--conv-blocks", "Numbers of convolution blocks", Defaults.ConvBlocks);
    private readonly Option<int[]> _deeperKernelSizes = List<int>("--deeper-kernel-sizes", "Kernel widths of later blocks", Defaults.DeeperKernelSizes);
    private readonly Option<string[]> _pools = List<string>("--pools", "Pooling after each block: max, average, none", Defaults.Pools.Select(p => p.ToString().ToLowerInvariant()).ToArray());
    private readonly Option<int[]> _poolSizes = List<int>("--pool-sizes", "Pooling windows", Defaults.PoolSizes);
    private readonly Option<double[]> _dropouts = List<double>("--dropouts", "Dropout probabilities", Defaults.Dropouts);
    private readonly Option<int[]> _denseUnits = List<int>("--dense-units", "Dense layer widths (0 = none)", Defaults.DenseUnits);
    private readonly Option<int[]> _batchSizes = List<int>("--batch-sizes", "Batch sizes", Defaults.BatchSizes);
    private readonly Option<double[]> _learningRates = new("--learning-rates")
    {
        HelpName = "MIN MAX", AllowMultipleArgumentsPerToken = true,
        Description = $"Learning rates are drawn log-uniformly between MIN and MAX. Default {Defaults.MinLearningRate} {Defaults.MaxLearningRate}.",
    };
    private readonly Option<string> _batchNorm = new("--batch-norm")
    {
        Description = "Batch norm: yes, no or both.", DefaultValueFactory = _ => "both",
    };

    // The search space's property names, as the command line spells them, for its error messages.
    private static readonly (string Property, string Option)[] OptionNames =
    [
        (nameof(CnnSearchSpace.DeeperKernelSizes), "--deeper-kernel-sizes"), (nameof(CnnSearchSpace.KernelSizes), "--kernel-sizes"),
        (nameof(CnnSearchSpace.Filters), "--filters"), (nameof(CnnSearchSpace.ConvBlocks), "--conv-blocks"), (nameof(CnnSearchSpace.PoolSizes), "--pool-sizes"),
        (nameof(CnnSearchSpace.Pools), "--pools"), (nameof(CnnSearchSpace.Dropouts), "--dropouts"), (nameof(CnnSearchSpace.DenseUnits), "--dense-units"),
        (nameof(CnnSearchSpace.BatchSizes), "--batch-sizes"), ("learning rates", "--learning-rates"),
    ];

    private IEnumerable<Option> All => [_filters, _kernelSizes, _convBlocks, _deeperKernelSizes, _pools, _poolSizes, _dropouts, _denseUnits, _batchSizes, _learningRates, _batchNorm];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <exception cref="ArgumentException">A value is not one the option accepts; the message names the option.</exception>
    public CnnSearchSpace Read(ParseResult parse)
    {
        double[]? rates = parse.GetValue(_learningRates) is { Length: > 0 } given ? given : null;
        if (rates != null && rates.Length != 2) throw new ArgumentException($"--learning-rates takes two values, MIN and MAX (got {rates.Length}).");
        var space = new CnnSearchSpace
        {
            Filters = parse.GetValue(_filters)!, KernelSizes = parse.GetValue(_kernelSizes)!, ConvBlocks = parse.GetValue(_convBlocks)!,
            DeeperKernelSizes = parse.GetValue(_deeperKernelSizes)!, Pools = parse.GetValue(_pools)!.Select(Pool).ToArray(),
            PoolSizes = parse.GetValue(_poolSizes)!, Dropouts = parse.GetValue(_dropouts)!, DenseUnits = parse.GetValue(_denseUnits)!,
            BatchSizes = parse.GetValue(_batchSizes)!,
            BatchNorm = parse.GetValue(_batchNorm)!.ToLowerInvariant() switch
            {
                "yes" => [true], "no" => [false], "both" => [false, true],
                var other => throw new ArgumentException($"--batch-norm '{other}' is not yes, no or both."),
            },
            MinLearningRate = rates?[0] ?? Defaults.MinLearningRate, MaxLearningRate = rates?[1] ?? Defaults.MaxLearningRate,
        };
        try { space.Validate(); }
        catch (ArgumentException e) { throw new ArgumentException(OptionNames.Aggregate(e.Message, (m, p) => m.Replace($"The search space's {p.Property}", p.Option)), e); }
        return space;
    }

    private static Pooling Pool(string name) => name.ToLowerInvariant() switch
    {
        "max" => Pooling.Max, "average" or "avg" => Pooling.Average, "none" => Pooling.None,
        _ => throw new ArgumentException($"--pools '{name}' is not max, average or none."),
    };

    private static Option<T[]> List<T>(string name, string description, T[] defaults) => new(name)
    {
        AllowMultipleArgumentsPerToken = true, HelpName = "VALUES",
        Description = $"{description}. Default {string.Join(' ', defaults)}.", DefaultValueFactory = _ => defaults,
    };
}
