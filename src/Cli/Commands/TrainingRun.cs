using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines.Training;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>The end of <c>train</c> and <c>demo</c>: train with progress, evaluate on held-out data, save, report.</summary>
internal static class TrainingRun
{
    public static int TrainEvaluateSave(CliConsole console, MLContext ml, SequenceTrainingSettings settings,
        IDataView train, IDataView? validation, IDataView heldOut, DataViewSchema inputSchema, string modelPath, bool json)
    {
        var fitted = console.Train(settings.Epochs, progress =>
        {
            settings.Progress = progress;
            return SequenceModels.Train(ml, train, validation, settings);
        });
        var metrics = SequenceModels.Evaluate(ml, fitted, heldOut);
        ml.Model.SaveCnn(fitted, inputSchema, modelPath);
        MetricsWriter.Write(console, metrics, json, ("model", modelPath));
        return 0;
    }
}
