using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet demo</c>: the whole job on built-in data. Simulates the genomics primer's binding
/// dataset (2,000 random 50-bp sequences, the motif CGACCGAACTCC planted in half; Zou et al.
/// 2019), trains the primer's network on 75 %, prints ML.NET's metrics on the held-out 25 % and
/// saves the model. With <c>--images</c>, the same for images (<see cref="ImageDemo"/>).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<FileInfo?>("--model") { Description = "Where to save the model (default demo-model.zip, or demo-image-model.zip with --images)." };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var images = new Option<bool>("--images") { Description = "The image demo: generated shape images (bars, crosses, rings) and LeNet5." };
        var imageFolder = new Option<DirectoryInfo>("--image-folder") { Description = "Where --images writes its PNG files (kept).", DefaultValueFactory = _ => new DirectoryInfo("demo-images") };
        var command = new Command("demo", "Simulate a binding dataset, train the Zou2019 CNN, evaluate on held-out data and save the model "
            + "(--images: the same with generated shape images and LeNet5).") { model, epochs, seed, json, images, imageFolder };
        command.SetAction(parse => CliErrors.Run(console, () =>
        {
            int s = parse.GetValue(seed);
            if (parse.GetValue(images))
                return ImageDemo.Run(console, parse.GetValue(imageFolder)!.FullName, parse.GetValue(epochs), s,
                    (parse.GetValue(model) ?? new FileInfo("demo-image-model.zip")).FullName, parse.GetValue(json));
            var ml = new MLContext(s);
            var rows = PlantedMotifSimulator.Generate(new PlantedMotifSimulator.Options { Seed = s })
                .Select(r => new DemoRow { Sequence = r.Sequence, Label = r.Label });
            var all = ml.Data.LoadFromEnumerable(rows);
            var split = ml.Data.TrainTestSplit(all, testFraction: 0.25, seed: s);
            console.Status("Simulated 2,000 random 50-bp sequences, motif CGACCGAACTCC planted in half; training Zou2019 on 75 %.");

            var settings = new SequenceTrainingSettings { Length = 50, Training = { Network = NetworkPresets.Zou2019(), Epochs = parse.GetValue(epochs), Seed = s } };
            return TrainingRun.TrainEvaluateSave(console, ml, settings, split.TrainSet, null, split.TestSet, all.Schema,
                (parse.GetValue(model) ?? new FileInfo("demo-model.zip")).FullName, parse.GetValue(json));
        }));
        return command;
    }

    private sealed class DemoRow
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }
}
