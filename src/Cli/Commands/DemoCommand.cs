using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet demo</c>: the whole job on built-in data. Simulates the genomics primer's binding
/// dataset (2,000 random 50-bp sequences, the motif CGACCGAACTCC planted in half; Zou et al.
/// 2019), trains the primer's network on 75 %, prints ML.NET's metrics on the held-out 25 % and
/// saves the model. With <c>--images</c>, the same for images (<see cref="ImageDemo"/>).
/// </summary>
internal sealed class DemoCommand
{
    private readonly CliConsole _console;
    private readonly Option<FileInfo?> _model = new("--model") { HelpName = "FILE", Description = "Where to save the model (default demo-model.zip, or demo-image-model.zip with --images)." };
    private readonly Option<int> _epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 30 }.AtLeast(1);
    private readonly Option<int> _seed = new("--seed") { Description = "Seeds the simulation, the split and the training.", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object." };
    private readonly Option<bool> _images = new("--images") { Description = "The image demo: generated shape images (bars, crosses, rings) and LeNet5." };
    private readonly Option<DirectoryInfo> _imageFolder = new("--image-folder") { HelpName = "DIR", Description = "Where --images writes its PNG files (kept).", DefaultValueFactory = _ => new DirectoryInfo("demo-images") };

    private DemoCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new DemoCommand(console).Build();

    private Command Build()
    {
        var command = new Command("demo", "Simulate a binding dataset, train the Zou2019 CNN, evaluate on held-out data and save the model "
            + "(--images: the same with generated shape images and LeNet5).") { _model, _epochs, _seed, _json, _images, _imageFolder };
        command.Needs(_imageFolder, _images, "(it is where the image demo writes its images)");
        command.SetAction(parse => CliErrors.Run(_console, () => Run(parse)));
        return command;
    }

    private int Run(ParseResult parse)
    {
        int s = parse.GetValue(_seed);
        if (parse.GetValue(_images))
            return ImageDemo.Run(_console, parse.GetValue(_imageFolder)!.FullName, parse.GetValue(_epochs), s,
                (parse.GetValue(_model) ?? new FileInfo("demo-image-model.zip")).FullName, parse.GetValue(_json));
        var ml = CliContext.Create(s);
        var rows = PlantedMotifSimulator.Generate(new PlantedMotifSimulator.Options { Seed = s })
            .Select(r => new DemoRow { Sequence = r.Sequence, Label = r.Label });
        var all = ml.Data.LoadFromEnumerable(rows);
        var split = ml.Data.TrainTestSplit(all, testFraction: 0.25, seed: s);
        _console.Status("Simulated 2,000 random 50-bp sequences, motif CGACCGAACTCC planted in half; training Zou2019 on 75 %.");

        var settings = new SequenceTrainingSettings { Length = 50, Training = { Network = NetworkPresets.Zou2019(), Epochs = parse.GetValue(_epochs), Seed = s } };
        return TrainingRun.TrainEvaluateSave(_console, ml, settings, split.TrainSet, null, split.TestSet, all.Schema,
            (parse.GetValue(_model) ?? new FileInfo("demo-model.zip")).FullName, parse.GetValue(_json));
    }

    private sealed class DemoRow
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }
}
