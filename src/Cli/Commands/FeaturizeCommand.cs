using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet featurize</c>: runs sequences through a saved model up to a named layer and writes a
/// TSV of the input's columns (without the encoded features) followed by that layer's activations
/// (<c>ml.Transforms.ExtractFeatureMaps</c>), e.g. as features for a classical learner.
/// </summary>
internal sealed class FeaturizeCommand
{
    public const string OutputColumn = "FeatureMaps";

    private readonly CliConsole _console;
    private readonly DataOptions _data = new();
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A model saved by train or demo.", Required = true };
    private readonly Option<int?> _member = CnnModelInput.MemberOption();
    private readonly Option<string> _layer = new("--layer") { Description = "The layer whose activations to write: conv1, act1, pool1, dense1, … (an unknown name lists the valid ones).", Required = true };
    private readonly Option<FeatureMapPooling> _pooling = Choices.Of("--pooling",
        "Over positions, per channel: max, mean, maxandmean or none (the whole map). Flat layers ignore it.",
        Choices.Lowercase<FeatureMapPooling>(), () => FeatureMapPooling.Max);
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The TSV file to write.", Required = true };

    private FeaturizeCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new FeaturizeCommand(console).Build();

    private Command Build()
    {
        var command = new Command("featurize", "Write a layer's activations (feature maps) for each sequence as a TSV.");
        _data.AddTo(command);
        foreach (var option in new Option[] { _model, _member, _layer, _pooling, _output }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(_console, () => Featurize(parse)));
        return command;
    }

    private int Featurize(ParseResult parse)
    {
        var ml = CliContext.Create(seed: 1);
        string modelPath = parse.GetValue(_model)!.FullName;
        var split = CnnModelInput.Of(ModelFile.Load(ml, modelPath), parse.GetValue(_member), "featurize", modelPath);
        var encoded = split.Encode(_data.Load(ml, parse, SequenceLabelKind.None));
        string path = parse.GetValue(_output)!.FullName;
        // An unknown --layer is refused naming the valid ones; the sequences' errors surface while the TSV is written.
        CliErrors.UserInput(() =>
        {
            var featurized = ml.Transforms.ExtractFeatureMaps(split.Cnn, parse.GetValue(_layer)!, parse.GetValue(_pooling), OutputColumn).Fit(encoded).Transform(encoded);
            TsvOutput.Write(ml, TsvOutput.Select(ml, featurized, split.Cnn.FeatureColumnName), path);
        });
        _console.Status($"wrote {path}");
        return 0;
    }
}
