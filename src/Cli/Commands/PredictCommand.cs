using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet predict</c>: scores a file (or a folder of images) with a saved model and writes a
/// TSV of the input's columns (without the encoded features or decoded images) followed by the
/// model's outputs. <c>--rows</c> scores a part of <c>--data</c>; each part writes the header, and
/// <c>merge tsv</c> joins the parts into the whole run's TSV.
/// </summary>
internal sealed class PredictCommand
{
    private readonly CliConsole _console;
    private readonly DataOptions _data = new(required: false);
    private readonly ImageOptions _images = new(training: false);
    private readonly Option<FileInfo> _model = new("--model") { HelpName = "FILE", Description = "A model saved by train or demo.", Required = true };
    private readonly Option<FileInfo> _output = new("--out") { HelpName = "FILE", Description = "The TSV file to write (or --bigwig-out for a track model)." };
    private readonly TrackPredictionOptions _tracks = new();
    private readonly Option<string?> _rows = new("--rows")
    {
        HelpName = "START:END",
        Description = "Score only data rows START to END-1 of --data (0-based, header not counted, a FASTA record is a row); every part writes the header, `merge tsv` joins parts.",
    };

    private PredictCommand(CliConsole console)
    {
        _console = console;
        _rows.Validators.Add(result =>
        {
            if (!result.TryGiven(_rows, out string? text) || text is null) return;
            try { RowRange.Parse(text); }
            catch (FormatException e) { result.AddError($"--rows {e.Message}"); }
        });
    }

    public static Command Create(CliConsole console) => new PredictCommand(console).Build();

    private Command Build()
    {
        var command = new Command("predict", "Score sequences (--data) or images (--images: class sub-folders, or images directly in the folder) "
            + "with a saved model and write a TSV, or predict a profile model's tracks along a genome as bigWigs (--bigwig-out, --genome).");
        _data.AddTo(command);
        _images.AddTo(command, _data, elsewhere: result => result.Given(_tracks.BigWigOut));
        command.Options.Add(_model);
        command.Options.Add(_output);
        command.Options.Add(_rows);
        _tracks.AddTo(command, _output);
        command.Validators.Add(result =>
        {
            if (result.Given(_rows) && (result.Given(_tracks.BigWigOut) || result.Given(_images.Images)))
                result.AddError("--rows goes with --data only; it does not go with --bigwig-out or --images.");
        });
        command.Validators.Add(result =>
        {
            if (result.Given(_tracks.BigWigOut) && (result.Given(_data.Data) || result.Given(_images.Images)))
                result.AddError("--bigwig-out does not go with --data or --images; it predicts along --genome.");
        });
        command.SetAction(parse => CliErrors.Run(_console, () => Predict(parse)));
        return command;
    }

    private int Predict(ParseResult parse)
    {
        var ml = CliContext.Create(seed: 1);
        string modelPath = parse.GetValue(_model)!.FullName;
        var fitted = ModelFile.Load(ml, modelPath);
        if (_tracks.UseBigWig(parse)) return _tracks.Predict(_console, ml, parse, fitted, modelPath);
        string path = parse.GetValue(_output)!.FullName;
        if (_images.UseImages(parse))
        {
            // ImagePath, Label (the class folder; empty for loose files), Score.0…, PredictedLabel, PredictedClass.
            _images.CheckModel(parse, fitted, modelPath);
            var input = _images.Load(ml, parse, requireLabels: false);
            CliErrors.UserInput(() => ImageReadErrors.Translate(input, () => { TsvOutput.Write(ml, ImageModels.Predict(ml, fitted, input), path); return 0; }));
        }
        else
        {
            if (ImageModels.IsImageModel(fitted)) throw new CliUserException($"The model '{modelPath}' was trained on images: give it --images DIR.");
            var input = _data.Load(ml, parse, SequenceLabelKind.None);
            if (parse.GetValue(_rows) is { } rows) input = RowRange.Parse(rows).Of(ml, input);
            // Scoring is lazy: the sequences' errors (an illegal character, …) surface while the TSV is written.
            CliErrors.UserInput(() => TsvOutput.Write(ml, TsvOutput.Select(ml, fitted.Transform(input), "Features"), path));
        }
        _console.Status($"wrote {path}");
        return 0;
    }
}
