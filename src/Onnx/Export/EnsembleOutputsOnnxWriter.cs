using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Trainers;
using static Cnn.MLNet.Onnx.Graph.OnnxAttributes;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// The averaged scoring columns of an ensemble as graph outputs, computed from the members' raw
/// outputs as Cnn.MLNet's <c>CnnEnsemble</c> computes them, with the names, types and shapes of a
/// single model's export (<see cref="TaskOutputsOnnxWriter"/>):
/// <list type="bullet">
/// <item>binary: <c>Probability</c> = mean of the members' sigmoids; <c>Score</c> = its logit, computed
/// stably as ReduceLogSumExp(log σ(s)) − ReduceLogSumExp(log σ(−s)) over the members' logits s, with
/// log σ(x) = −Softplus(−x); <c>PredictedLabel</c> = Score &gt; 0;</item>
/// <item>multiclass: <c>Score</c> = Mean of the members' softmax vectors; <c>PredictedLabel</c> = its
/// 0-based ArgMax (int64), as in a single model's export;</item>
/// <item>regression: <c>Score</c> = Mean of the members' outputs.</item>
/// </list>
/// </summary>
internal static class EnsembleOutputsOnnxWriter
{
    private const TensorProto.Types.DataType Float = TensorProto.Types.DataType.Float;

    /// <summary>Declares the averaged columns; <paramref name="raws"/> are the members' raw outputs (float [batch, K]), in member order.</summary>
    public static void Write(OnnxGraphBuilder graph, CnnModel first, IReadOnlyList<string> raws, object batch)
    {
        var columns = first.Task.OutputColumns;
        long k = first.Outputs;
        switch (first.Task)
        {
            case BinaryClassificationTask:
                string logits = graph.Node("Concat", "ensemble_logits", raws, Int("axis", 1)); // [batch, members]
                string logPositive = graph.Node("Neg", "ensemble_log_sigmoid", [graph.Node("Softplus", "ensemble_softplus_negative", [graph.Node("Neg", "ensemble_negative_logits", [logits])])]);
                string logNegative = graph.Node("Neg", "ensemble_log_sigmoid_negative", [graph.Node("Softplus", "ensemble_softplus", [logits])]);
                string score = graph.Node("Sub", "ensemble_score", [
                    graph.Node("ReduceLogSumExp", "ensemble_log_positive", [logPositive], Ints("axes", 1), Int("keepdims", 1)),
                    graph.Node("ReduceLogSumExp", "ensemble_log_negative", [logNegative], Ints("axes", 1), Int("keepdims", 1))]);
                graph.Output(score, columns[0].Name, Float, batch, 1L);
                string probability = graph.Node("ReduceMean", "ensemble_probability", [graph.Node("Sigmoid", "ensemble_member_probabilities", [logits])],
                    Ints("axes", 1), Int("keepdims", 1));
                graph.Output(probability, columns[1].Name, Float, batch, 1L);
                graph.Output(graph.Node("Greater", "ensemble_predicted", [score, graph.Scalar("ensemble_zero", 0f)]), columns[2].Name, TensorProto.Types.DataType.Bool, batch, 1L);
                break;
            case MulticlassClassificationTask:
                var probabilities = raws.Select((raw, i) => graph.Node("Softmax", $"m{i}_score", [raw], Int("axis", 1))).ToArray();
                string mean = graph.Node("Mean", "ensemble_score", probabilities);
                graph.Output(mean, columns[0].Name, Float, batch, k);
                string index = graph.Node("ArgMax", "ensemble_predicted", [mean], Int("axis", 1), Int("keepdims", 1), Int("select_last_index", 0));
                graph.Output(index, columns[1].Name, TensorProto.Types.DataType.Int64, batch, 1L);
                break;
            case RegressionTask:
                graph.Output(graph.Node("Mean", "ensemble_score", raws), columns[0].Name, Float, batch, 1L);
                break;
            default:
                throw new NotSupportedException($"ONNX export: ensembles of {first.TaskKind} models cannot be exported; ensembles average binary, multiclass or regression models.");
        }
    }
}
