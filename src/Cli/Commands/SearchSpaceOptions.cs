using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Commands;

/// <summary><c>sweep</c>'s search-space options: each takes one or more values (<c>--filters 16 32 64</c>); left out, the default space's values.</summary>
internal sealed class SearchSpaceOptions
{
    private static readonly CnnSearchSpace Sequences = CnnSearchSpace.ForSequences(), Images = CnnSearchSpace.ForImages();

    private readonly Option<int[]> _filters = List("--filters", "Filters per convolution block", s => s.Filters);
    private readonly Option<int[]> _kernelSizes = List("--kernel-sizes", "First-block kernel widths", s => s.KernelSizes);
    private readonly Option<int[]> _convBlocks = List("--conv-blocks", "Numbers of convolution blocks", s => s.ConvBlocks);
    private readonly Option<int[]> _deeperKernelSizes = List("--deeper-kernel-sizes", "Kernel widths of later blocks", s => s.DeeperKernelSizes);
    private readonly Option<string[]> _pools = List("--pools", "Pooling after each block: max, average, none", s => s.Pools.Select(p => p.ToString().ToLowerInvariant()).ToArray())
        .OnlyFrom(["max", "average", "none"], "avg");
    private readonly Option<int[]> _poolSizes = List("--pool-sizes", "Pooling windows", s => s.PoolSizes);
    private readonly Option<double[]> _dropouts = List("--dropouts", "Dropout probabilities", s => s.Dropouts);
    private readonly Option<int[]> _denseUnits = List("--dense-units", "Dense layer widths (0 = none)", s => s.DenseUnits);
    private readonly Option<int[]> _batchSizes = List("--batch-sizes", "Batch sizes", s => s.BatchSizes);
    private readonly Option<double[]> _learningRates = new("--learning-rates")
    {
        HelpName = "MIN MAX",
        AllowMultipleArgumentsPerToken = true,
        Description = $"Learning rates are drawn log-uniformly between MIN and MAX. Default {Sequences.MinLearningRate} {Sequences.MaxLearningRate}.",
        Validators = { result => { if (result.Tokens.Count != 2) result.AddError($"--learning-rates takes two values, MIN and MAX (got {result.Tokens.Count})."); } },
    };
    private readonly Option<bool[]?> _batchNorm = Choices.Of<bool[]?>("--batch-norm", "Batch norm: yes, no or both. Default both.",
        [("yes", [true]), ("no", [false]), ("both", [false, true])]);

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

    /// <summary>The space: the options given, and the sequence or image default space for the rest.</summary>
    /// <exception cref="CliUserException">A value is not one the option accepts; the message names the option.</exception>
    public CnnSearchSpace Read(ParseResult parse, bool images)
    {
        var defaults = images ? Images : Sequences;
        T[] Get<T>(Option<T[]> option, T[] fallback) => parse.Given(option) ? parse.GetValue(option)! : fallback;
        double[]? rates = parse.GetValue(_learningRates) is { Length: 2 } given ? given : null;
        var space = new CnnSearchSpace
        {
            Filters = Get(_filters, defaults.Filters),
            KernelSizes = Get(_kernelSizes, defaults.KernelSizes),
            ConvBlocks = Get(_convBlocks, defaults.ConvBlocks),
            DeeperKernelSizes = Get(_deeperKernelSizes, defaults.DeeperKernelSizes),
            Pools = parse.Given(_pools) ? parse.GetValue(_pools)!.Select(Pool).ToArray() : defaults.Pools,
            PoolSizes = Get(_poolSizes, defaults.PoolSizes),
            Dropouts = Get(_dropouts, defaults.Dropouts),
            DenseUnits = Get(_denseUnits, defaults.DenseUnits),
            BatchSizes = Get(_batchSizes, defaults.BatchSizes),
            BatchNorm = parse.Given(_batchNorm) ? parse.GetValue(_batchNorm)! : defaults.BatchNorm, // not given, GetValue is an empty array
            MinLearningRate = rates?[0] ?? defaults.MinLearningRate,
            MaxLearningRate = rates?[1] ?? defaults.MaxLearningRate,
        };
        try { space.Validate(); }
        catch (ArgumentException e) { throw new CliUserException(OptionNames.Aggregate(e.Message, (m, p) => m.Replace($"The search space's {p.Property}", p.Option)), e); }
        return space;
    }

    private static Pooling Pool(string name) => name.ToLowerInvariant() switch
    {
        "max" => Pooling.Max,
        "average" or "avg" => Pooling.Average,
        "none" => Pooling.None,
        _ => throw new InvalidOperationException($"--pools '{name}' passed its validator."), // a bug
    };

    // Left out, an option takes the default space's values for the input (Read), so it has no DefaultValueFactory.
    private static Option<T[]> List<T>(string name, string description, Func<CnnSearchSpace, T[]> values) => new(name)
    {
        AllowMultipleArgumentsPerToken = true,
        HelpName = "VALUES",
        Description = $"{description}. Default {string.Join(' ', values(Sequences))}"
            + (values(Sequences).SequenceEqual(values(Images)) ? "." : $" (images: {string.Join(' ', values(Images))})."),
    };
}
