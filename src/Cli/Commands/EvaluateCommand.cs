using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines.Training;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary><c>cnn-mlnet evaluate</c>: ML.NET's metrics of a saved model on a labelled file.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions();
        var model = new Option<FileInfo>("--model") { Description = "A model saved by train or demo.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("evaluate", "Evaluate a saved model on labelled sequences.");
        data.AddTo(command);
        command.Options.Add(model);
        command.Options.Add(json);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            var ml = new MLContext(seed: 1);
            var fitted = ml.Model.LoadCnn(parse.GetValue(model)!.FullName, out _);
            var task = SequenceModels.FindCnn(fitted).Model.TaskKind;
            var metrics = SequenceModels.Evaluate(ml, fitted, data.Load(ml, parse, SequenceModels.LabelKindFor(task)));
            MetricsWriter.Write(console, metrics, parse.GetValue(json));
            return 0;
        }));
        return command;
    }
}
