using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Trainers;
using static Cnn.MLNet.Onnx.Graph.OnnxAttributes;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// The task's scoring columns as graph outputs, named as the task's <c>OutputColumns</c> and
/// computed from the raw outputs as its <c>CreateOutputGetters</c> computes them:
/// <list type="bullet">
/// <item>binary: <c>Score</c> = the logit, <c>Probability</c> = sigmoid(logit), <c>PredictedLabel</c> = logit &gt; 0 (bool), each [batch, 1];</item>
/// <item>multiclass: <c>Score</c> = softmax over the classes, float [batch, K]; <c>PredictedLabel</c> = the
/// <em>0-based</em> index of the largest raw output (the first on ties), int64 [batch, 1]. ML.NET's
/// PredictedLabel is a 1-based key carrying the class names as KeyValues; an ONNX graph has no key
/// type, so add 1 to get ML.NET's key, or index <see cref="CnnModel.ClassNames"/> with it directly;</item>
/// <item>regression: <c>Score</c> = the raw output, float [batch, 1];</item>
/// <item>multi-task: <c>Score</c> = float [batch, T], sigmoid of the raw output for binary targets and the raw output for regression targets;</item>
/// <item>profile and binned tracks: see <see cref="TrackOutputsOnnxWriter"/>.</item>
/// </list>
/// </summary>
internal static class TaskOutputsOnnxWriter
{
    private const TensorProto.Types.DataType Float = TensorProto.Types.DataType.Float;

    /// <summary>Declares the task's scoring columns as graph outputs computed from <paramref name="raw"/> (float [batch, K]); <paramref name="batch"/> is the batch dimension (a long or a symbol).</summary>
    public static void Write(OnnxGraphBuilder graph, CnnModel model, string raw, object batch)
    {
        var task = model.Task;
        var columns = task.OutputColumns;
        long k = task.Outputs;
        switch (task)
        {
            case BinaryClassificationTask:
                graph.Output(raw, columns[0].Name, Float, batch, 1L);
                graph.Output(graph.Node("Sigmoid", "probability_value", [raw]), columns[1].Name, Float, batch, 1L);
                string positive = graph.Node("Greater", "predicted_value", [raw, graph.Scalar("zero", 0f)]);
                graph.Output(positive, columns[2].Name, TensorProto.Types.DataType.Bool, batch, 1L);
                break;
            case MulticlassClassificationTask:
                graph.Output(graph.Node("Softmax", "score_value", [raw], Int("axis", 1)), columns[0].Name, Float, batch, k);
                string index = graph.Node("ArgMax", "predicted_value", [raw], Int("axis", 1), Int("keepdims", 1), Int("select_last_index", 0));
                graph.Output(index, columns[1].Name, TensorProto.Types.DataType.Int64, batch, 1L);
                break;
            case RegressionTask:
                graph.Output(raw, columns[0].Name, Float, batch, 1L);
                break;
            case MultiTaskTask multi:
                graph.Output(MultiTaskScore(graph, multi, raw), columns[0].Name, Float, batch, k);
                break;
            case ProfileTask profile:
                TrackOutputsOnnxWriter.WriteProfile(graph, profile, raw, batch);
                break;
            case BinnedTracksTask binned:
                TrackOutputsOnnxWriter.WriteBinned(graph, binned, raw, batch);
                break;
            default:
                throw new NotSupportedException($"ONNX export: the task {model.TaskKind} ({task.GetType().Name}) has no ONNX scoring outputs.");
        }
    }

    private static string MultiTaskScore(OnnxGraphBuilder graph, MultiTaskTask task, string raw)
    {
        var binary = task.Targets.Select(t => t == TargetKind.Binary).ToArray();
        if (binary.All(b => !b)) return raw;
        string probabilities = graph.Node("Sigmoid", "target_probability", [raw]);
        if (binary.All(b => b)) return probabilities;
        string mask = graph.Initializer("binary_targets", binary, 1, binary.Length);
        return graph.Node("Where", "score_value", [mask, probabilities, raw]);
    }
}
