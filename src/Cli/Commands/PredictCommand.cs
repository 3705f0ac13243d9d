using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet predict</c>: scores a file (or a folder of images) with a saved model and writes a
/// TSV of the input's columns (without the encoded features or decoded images) followed by the
/// model's outputs.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new DataOptions(required: false);
        var images = new ImageOptions(training: false);
        var model = new Option<FileInfo>("--model") { Description = "A model saved by train or demo.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The TSV file to write.", Required = true };
        var command = new Command("predict", "Score sequences (--data) or images (--images: class sub-folders, or images directly in the folder) "
            + "with a saved model and write a TSV.");
        data.AddTo(command);
        images.AddTo(command);
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            bool useImages = images.UseImages(parse, data);
            var ml = new MLContext(seed: 1);
            string modelPath = parse.GetValue(model)!.FullName, path = parse.GetValue(output)!.FullName;
            var fitted = ml.Model.LoadCnn(modelPath, out _);
            if (useImages)
            {
                // ImagePath, Label (the class folder; empty for loose files), Score.0…, PredictedLabel, PredictedClass.
                images.CheckModel(parse, fitted, modelPath);
                var input = images.Load(ml, parse, requireLabels: false);
                ImageReadErrors.Translate(input, () => { TsvOutput.Write(ml, ImageModels.Predict(ml, fitted, input), path); return 0; });
            }
            else
            {
                if (ImageModels.IsImageModel(fitted)) throw new ArgumentException($"The model '{modelPath}' was trained on images: give it --images DIR.");
                var input = data.Load(ml, parse, SequenceLabelKind.None);
                TsvOutput.Write(ml, TsvOutput.Select(ml, fitted.Transform(input), "Features"), path);
            }
            console.Status($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
