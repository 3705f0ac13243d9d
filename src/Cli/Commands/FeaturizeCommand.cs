using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet featurize</c>: runs sequences through a saved model up to a named layer and writes a
/// TSV of the input's columns (without the encoded features) followed by that layer's activations
/// (<c>ml.Transforms.ExtractFeatureMaps</c>), e.g. as features for a classical learner.
/// </summary>
internal static class FeaturizeCommand
{
    public const string OutputColumn = "FeatureMaps";

    public static Command Create(CliConsole console)
    {
        var data = new DataOptions();
        var model = new Option<FileInfo>("--model") { Description = "A model saved by train or demo.", Required = true };
        var member = CnnModelInput.MemberOption();
        var layer = new Option<string>("--layer") { Description = "The layer whose activations to write: conv1, act1, pool1, dense1, … (an unknown name lists the valid ones).", Required = true };
        var pooling = new Option<string>("--pooling") { Description = "Over positions, per channel: max, mean, maxandmean or none (the whole map). Flat layers ignore it.", DefaultValueFactory = _ => "max" };
        var output = new Option<FileInfo>("--out") { Description = "The TSV file to write.", Required = true };
        var command = new Command("featurize", "Write a layer's activations (feature maps) for each sequence as a TSV.");
        data.AddTo(command);
        command.Options.Add(model);
        command.Options.Add(member);
        command.Options.Add(layer);
        command.Options.Add(pooling);
        command.Options.Add(output);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            var pool = ParsePooling(parse.GetValue(pooling)!);
            var ml = new MLContext(seed: 1);
            string modelPath = parse.GetValue(model)!.FullName;
            var split = CnnModelInput.Of(ml.Model.LoadCnn(modelPath, out _), parse.GetValue(member), "featurize", modelPath);
            var encoded = split.Encode(data.Load(ml, parse, SequenceLabelKind.None));
            var featurized = ml.Transforms.ExtractFeatureMaps(split.Cnn, parse.GetValue(layer)!, pool, OutputColumn).Fit(encoded).Transform(encoded);
            string path = parse.GetValue(output)!.FullName;
            TsvOutput.Write(ml, TsvOutput.Select(ml, featurized, split.Cnn.FeatureColumnName), path);
            console.Status($"wrote {path}");
            return 0;
        }));
        return command;
    }

    private static FeatureMapPooling ParsePooling(string text) =>
        Enum.TryParse<FeatureMapPooling>(text, ignoreCase: true, out var pooling) && Enum.IsDefined(pooling) && !int.TryParse(text, out _)
            ? pooling
            : throw new ArgumentException($"--pooling '{text}' is not one of: {string.Join(", ", Enum.GetNames<FeatureMapPooling>().Select(n => n.ToLowerInvariant()))}.");
}
