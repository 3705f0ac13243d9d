using System.CommandLine;
using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>train --bed --folds K</c> / <c>--fold-table</c>: a chromosome cross-validation of a binary peak model. With
/// <c>--fold I</c> one fold is trained and saved (one job of a sharded run); without it every fold is trained in turn
/// and the fold models are saved as one averaged ensemble. Every fold runs the same code in both modes (the data loaded
/// once, a fresh <see cref="MLContext"/> with the same seed per fold), so a fold model trained alone is bit-identical to
/// the same fold trained among the others, and <c>merge ensemble</c> of the separate fold models gives the same ensemble.
/// </summary>
internal sealed partial class TrainCommand
{
    private readonly FoldOptions _folds = new();

    private int TrainFolds(ParseResult parse, Func<CnnTrainingOptions> training, TrainingRecovery recovery, string modelPath)
    {
        int seed = parse.GetValue(_seed);
        var (all, genomeOrder) = _genome.LoadWithChromosomes(CliContext.Create(seed), parse, parse.GetValue(_length), seed, _console);
        var table = _folds.Load(parse, all, genomeOrder);
        foreach (var fold in table.Folds)
        {
            _console.Status($"fold {fold.Index}: test {string.Join(",", fold.Test)}; validation {(fold.Validation.Count > 0 ? string.Join(",", fold.Validation) : "none")}");
        }
        table.Write(FoldOptions.TablePath(modelPath));

        bool json = parse.GetValue(_json);
        int? only = parse.GetValue(_folds.Fold);
        var members = new List<ITransformer>();
        var outOfFold = new OutOfFoldScores();
        foreach (int index in only is int i ? [i] : Enumerable.Range(0, table.Folds.Count))
        {
            var ml = CliContext.Create(seed);
            var split = CliErrors.UserInput(() => table.Split(all, index));
            _console.Status($"fold {index}:\n{split.Report}");
            var settings = SequenceSettings(parse, CnnTaskKind.BinaryClassification, useGenome: true, training(), FoldRecovery(recovery, index));
            var (model, metrics) = TrainingRun.TrainEvaluate(_console, ml, settings, split.Train, split.Validation, split.Test);
            if (only is not null)
            {
                ml.Model.SaveCnn(model, all.Schema, modelPath);
                MetricsWriter.Write(_console, metrics, json, ("fold", index), ("model", modelPath));
                return 0;
            }
            MetricsWriter.Write(_console, metrics, json, ("fold", index));
            members.Add(model);
            CliErrors.UserInput(() => outOfFold.Add(ml, model, split.Test));
        }

        var context = CliContext.Create(seed);
        var ensemble = CliErrors.UserInput(() => context.Model.CreateCnnEnsemble(members, all.Schema));
        context.Model.SaveCnn(ensemble, all.Schema, modelPath);
        // Each row scored by the fold that held it out (the ensemble has seen every row but those of one member).
        if (!json) _console.Line("out of fold:");
        MetricsWriter.Write(_console, outOfFold.Evaluate(context), json, ("fold", "out-of-fold"), ("folds", members.Count), ("model", modelPath));
        return 0;
    }

    /// <summary>Fold <paramref name="index"/> checkpoints in its own folder, DIR/fold-I, so that folds never resume from each other.</summary>
    private static TrainingRecovery FoldRecovery(TrainingRecovery recovery, int index) => new()
    {
        CheckpointDirectory = recovery.CheckpointDirectory is { } dir ? Path.Combine(dir, $"fold-{index}") : null,
        Resume = recovery.Resume,
        CancellationToken = recovery.CancellationToken,
    };
}
