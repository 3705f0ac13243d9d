using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Commands;

/// <summary><c>train</c>'s options for DNA's two strands and shift augmentation (sequences only).</summary>
internal sealed class StrandOptions
{
    public Option<bool> ReverseComplementAugment { get; } = new("--rc-augment") { Description = "Train on the reverse complement of each sequence with probability 1/2 (DNA/RNA)." };

    public Option<bool> ReverseComplementAverage { get; } = new("--rc-average") { Description = "Score both strands and average; kept with the model (DNA/RNA)." };

    public Option<int> Shift { get; } = new Option<int>("--shift") { HelpName = "K", Description = "Shift training sequences by up to K bases either way (DNA/RNA). Default 0." }.Must(shift => shift >= 0, "0 or more bases");

    public Option<bool> StrandShared { get; } = new("--strand-shared") { Description = "Make the first convolution reverse-complement equivariant: each filter also scans the other strand with the same weights (DNA/RNA)." };

    public IEnumerable<Option> All => [ReverseComplementAugment, ReverseComplementAverage, Shift, StrandShared];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    public void Apply(ParseResult parse, SequenceTrainingSettings settings)
    {
        settings.ReverseComplementAugment = parse.GetValue(ReverseComplementAugment);
        settings.ReverseComplementAverage = parse.GetValue(ReverseComplementAverage);
        settings.MaxShift = parse.GetValue(Shift);
        if (parse.GetValue(StrandShared)) settings.Training.Network = WithStrandSharedFirstConvolution(settings.Training.Network ?? NetworkPresets.Default());
    }

    private static NetworkSpec WithStrandSharedFirstConvolution(NetworkSpec network) => network.Trunk.FirstOrDefault() is ConvBlockSpec first
        ? network with { Trunk = [first with { StrandShared = true }, .. network.Trunk.Skip(1)] }
        : throw new CliUserException($"--strand-shared needs a network that starts with a convolution block; '{network.Name}' starts with {network.Trunk.FirstOrDefault()?.GetType().Name ?? "nothing"}.");
}
