using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary><c>train --profile</c>: coverage tracks over peaks, a profile or binned-track model, metrics on the held-out part.</summary>
internal sealed partial class TrainCommand
{
    private readonly ProfileOptions _profile = new();

    private int TrainProfile(ParseResult parse, MLContext ml, CnnTrainingOptions training, TrainingRecovery recovery, string modelPath)
    {
        int length = parse.GetValue(_length) ?? GenomeOptions.DefaultLength;
        var settings = _profile.Settings(parse, length, stranded: parse.GetValue(_profile.Tracks.Stranded) != null);
        using var genome = _genome.Files.Load(parse, parse.GetValue(_genome.Genome)!, _console);
        var options = new ProfileTrainingOptions
        {
            BedPath = parse.GetValue(_genome.Bed)!.FullName,
            Length = length,
            OutputLength = settings.OutputLength,
            Anchor = parse.GetValue(_genome.Anchor),
            BinSize = settings.BinSize,
            Exclude = parse.GetValue(_genome.Exclude) is { } excludeFile ? CliErrors.UserInput(() => ExcludedRegions.FromBed(excludeFile.FullName)) : null,
            Seed = parse.GetValue(_seed),
        };
        var (all, _, tracks) = _profile.Tracks.Build(ml, parse, genome, options, _console);
        try
        {
            var (train, validation, held) = Parts(parse, ml, all, useImages: false, SequenceLabelKind.None, ProfileColumns.IsPeak);
            // The network comes from --layers and --filters (ProfileModels builds the BPNet trunk), not --preset.
            training.Network = null;
            settings.Training = training;
            settings.Recovery = recovery;
            settings.ReverseComplementAugment = parse.GetValue(_strands.ReverseComplementAugment);
            settings.ReverseComplementAverage = parse.GetValue(_strands.ReverseComplementAverage);
            settings.MaxShift = parse.GetValue(_strands.Shift);
            var fitted = TrackOptions.MissingChromosome(() => CliErrors.UserInput(() => _console.Train(training.Epochs, progress =>
            {
                settings.Training.Progress = progress;
                return ProfileModels.Train(ml, train, validation, settings);
            })));
            ml.Model.SaveCnn(fitted, all.Schema, modelPath);
            ProfileEvaluation.Write(_console, ml, fitted, held, parse.GetValue(_json), ("model", modelPath));
            return 0;
        }
        finally
        {
            foreach (var track in tracks) track.Dispose();
        }
    }
}
