using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines.Data;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet predict</c>: scores a file with a saved model and writes a TSV of the input's
/// columns (without the encoded features) followed by the model's outputs.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions();
        var model = new Option<FileInfo>("--model") { Description = "A model saved by train or demo.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The TSV file to write.", Required = true };
        var command = new Command("predict", "Score sequences with a saved model and write a TSV.");
        data.AddTo(command);
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            var ml = new MLContext(seed: 1);
            var fitted = ml.Model.LoadCnn(parse.GetValue(model)!.FullName, out _);
            var input = data.Load(ml, parse, SequenceLabelKind.None);
            var scored = fitted.Transform(input);
            string path = parse.GetValue(output)!.FullName;
            TsvOutput.Write(ml, TsvOutput.Select(ml, scored, "Features"), path);
            console.Status($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
