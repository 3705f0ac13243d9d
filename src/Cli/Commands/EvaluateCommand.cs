using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;

namespace Cnn.MLNet.Cli.Commands;

/// <summary><c>cnn-mlnet evaluate</c>: ML.NET's metrics of a saved model on a labelled file or a folder of images.</summary>
internal sealed class EvaluateCommand
{
    private readonly CliConsole _console;
    private readonly DataOptions _data = new(required: false);
    private readonly ImageOptions _images = new(training: false);
    private readonly ProfileDataOptions _profile = new();
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A model saved by train or demo.", Required = true };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object." };

    private EvaluateCommand(CliConsole console) => _console = console;

    public static Command Create(CliConsole console) => new EvaluateCommand(console).Build();

    private Command Build()
    {
        var command = new Command("evaluate", "Evaluate a saved model on labelled sequences (--data), a folder of images in class sub-folders (--images), "
            + "or a profile model on peaks and their coverage tracks (--bed, --genome, --bigwig or --stranded).");
        _data.AddTo(command);
        _images.AddTo(command, _data, elsewhere: result => result.Given(_profile.Bed));
        _profile.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.Given(_profile.Bed) && (result.Given(_data.Data) || result.Given(_images.Images)))
                result.AddError("--bed does not go with --data or --images; the peaks, --genome and the tracks are the data.");
        });
        command.Options.Add(_model);
        command.Options.Add(_json);
        command.SetAction(parse => CliErrors.Run(_console, () => Evaluate(parse)));
        return command;
    }

    private int Evaluate(ParseResult parse)
    {
        var ml = CliContext.Create(seed: 1);
        string path = parse.GetValue(_model)!.FullName;
        var fitted = ModelFile.Load(ml, path);
        bool profileModel = ProfileEvaluation.IsTrackModel(fitted);
        if (_profile.UseBed(parse))
        {
            if (!profileModel) throw new CliUserException($"The model '{path}' is not a profile or binned-track model; --bed with tracks evaluates those (train --profile). Give it --data or --images.");
            return _profile.Evaluate(_console, ml, parse, fitted, path, parse.GetValue(_json));
        }
        if (profileModel) throw new CliUserException($"The model '{path}' predicts coverage tracks: evaluate it with --bed FILE --genome FILE and --bigwig or --stranded.");
        SequenceMetrics metrics;
        if (_images.UseImages(parse))
        {
            _images.CheckModel(parse, fitted, path);
            var input = _images.Load(ml, parse, requireLabels: true);
            metrics = CliErrors.UserInput(() => ImageModels.Evaluate(ml, fitted, input));
        }
        else
        {
            if (ImageModels.IsImageModel(fitted)) throw new CliUserException($"The model '{path}' was trained on images: give it --images DIR.");
            var task = SequenceModels.TaskOf(fitted);
            var input = _data.Load(ml, parse, SequenceModels.LabelKindFor(task));
            metrics = CliErrors.UserInput(() => SequenceModels.Evaluate(ml, fitted, input));
        }
        MetricsWriter.Write(_console, metrics, parse.GetValue(_json));
        return 0;
    }
}
