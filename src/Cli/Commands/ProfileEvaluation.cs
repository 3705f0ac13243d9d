using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>The metrics of a profile or binned-track model on profile rows, printed (train --profile and evaluate share it).</summary>
internal static class ProfileEvaluation
{
    /// <summary>Whether the model's (last) network predicts coverage tracks: a profile or binned-track model.</summary>
    public static bool IsTrackModel(ITransformer model) =>
        CnnChain.Stages(model).OfType<CnnPredictionTransformer>().LastOrDefault()?.Model.TaskKind is CnnTaskKind.Profile or CnnTaskKind.BinnedTracks;

    public static void Write(CliConsole console, MLContext ml, ITransformer model, IDataView data, bool json, params (string Key, object Value)[] extra)
    {
        var shape = CliErrors.UserInput(() => ProfileModelShape.Of(model));
        if (shape.Head == TrackHeadKind.ProfileAndCount)
        {
            var metrics = TrackOptions.MissingChromosome(() => CliErrors.UserInput(() => ProfileModels.Evaluate(ml, model, data)));
            ProfileMetricsWriter.Write(console, metrics, json, extra);
            return;
        }
        var binned = TrackOptions.MissingChromosome(() => CliErrors.UserInput(() => ProfileModels.EvaluateBinned(ml, model, data)));
        long rows = binned.Count > 0 ? binned[0].Values / shape.Positions : 0;
        ProfileMetricsWriter.Write(console, binned, json, rows, extra);
    }
}
