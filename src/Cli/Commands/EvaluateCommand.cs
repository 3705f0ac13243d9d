using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary><c>cnn-mlnet evaluate</c>: ML.NET's metrics of a saved model on a labelled file or a folder of images.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions(required: false);
        var images = new ImageOptions(training: false);
        var model = new Option<FileInfo>("--model") { Description = "A model saved by train or demo.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("evaluate", "Evaluate a saved model on labelled sequences (--data) or a folder of images in class sub-folders (--images).");
        data.AddTo(command);
        images.AddTo(command);
        command.Options.Add(model);
        command.Options.Add(json);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            bool useImages = images.UseImages(parse, data);
            var ml = new MLContext(seed: 1);
            string path = parse.GetValue(model)!.FullName;
            var fitted = ml.Model.LoadCnn(path, out _);
            SequenceMetrics metrics;
            if (useImages)
            {
                images.CheckModel(parse, fitted, path);
                metrics = ImageModels.Evaluate(ml, fitted, images.Load(ml, parse, requireLabels: true));
            }
            else
            {
                if (ImageModels.IsImageModel(fitted)) throw new ArgumentException($"The model '{path}' was trained on images: give it --images DIR.");
                var task = SequenceModels.TaskOf(fitted);
                metrics = SequenceModels.Evaluate(ml, fitted, data.Load(ml, parse, SequenceModels.LabelKindFor(task)));
            }
            MetricsWriter.Write(console, metrics, parse.GetValue(json));
            return 0;
        }));
        return command;
    }
}
