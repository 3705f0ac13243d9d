using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>The end of <c>train</c> and <c>demo</c>: train with progress, evaluate on held-out data, save, report.</summary>
internal static class TrainingRun
{
    /// <summary>Sequences: the ready-made sequence pipeline.</summary>
    public static int TrainEvaluateSave(CliConsole console, MLContext ml, SequenceTrainingSettings settings,
        IDataView train, IDataView? validation, IDataView heldOut, DataViewSchema inputSchema, string modelPath, bool json) =>
        Run(console, ml, settings.Training.Epochs, progress =>
        {
            settings.Training.Progress = progress;
            return SequenceModels.Train(ml, train, validation, settings);
        }, fitted => SequenceModels.Evaluate(ml, fitted, heldOut), inputSchema, modelPath, json);

    /// <summary>Images: the ready-made image pipeline.</summary>
    public static int TrainEvaluateSave(CliConsole console, MLContext ml, ImageTrainingSettings settings,
        IDataView train, IDataView? validation, IDataView heldOut, DataViewSchema inputSchema, string modelPath, bool json) =>
        Run(console, ml, settings.Training.Epochs, progress =>
        {
            settings.Training.Progress = progress;
            return ImageModels.Train(ml, train, validation, settings);
        }, fitted => ImageModels.Evaluate(ml, fitted, heldOut), inputSchema, modelPath, json);

    private static int Run(CliConsole console, MLContext ml, int epochs, Func<IProgress<EpochReport>, ITransformer> train,
        Func<ITransformer, SequenceMetrics> evaluate, DataViewSchema inputSchema, string modelPath, bool json)
    {
        var (fitted, metrics) = TrainEvaluate(console, epochs, train, evaluate);
        ml.Model.SaveCnn(fitted, inputSchema, modelPath);
        MetricsWriter.Write(console, metrics, json, ("model", modelPath));
        return 0;
    }

    /// <summary>Sequences, trained with progress and evaluated on <paramref name="heldOut"/>, not saved: one fold of <c>train --folds</c>.</summary>
    public static (ITransformer Model, SequenceMetrics Metrics) TrainEvaluate(CliConsole console, MLContext ml, SequenceTrainingSettings settings,
        IDataView train, IDataView? validation, IDataView heldOut) =>
        TrainEvaluate(console, settings.Training.Epochs, progress =>
        {
            settings.Training.Progress = progress;
            return SequenceModels.Train(ml, train, validation, settings);
        }, fitted => SequenceModels.Evaluate(ml, fitted, heldOut));

    private static (ITransformer Model, SequenceMetrics Metrics) TrainEvaluate(CliConsole console, int epochs, Func<IProgress<EpochReport>, ITransformer> train,
        Func<ITransformer, SequenceMetrics> evaluate)
    {
        // The data and the settings are the user's: what the trainer refuses (too few rows or classes, a network
        // too deep for the length, an illegal character) is theirs to fix.
        var fitted = CliErrors.UserInput(() => console.Train(epochs, train));
        return (fitted, CliErrors.UserInput(() => evaluate(fitted)));
    }
}
