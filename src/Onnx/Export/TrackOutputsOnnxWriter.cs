using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Trainers;
using static Cnn.MLNet.Onnx.Graph.OnnxAttributes;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// The scoring columns of track models as graph outputs, named as the task's <c>OutputColumns</c>
/// and computed as its <c>CreateOutputGetters</c> computes them:
/// <list type="bullet">
/// <item>profile: <c>Profile</c> = softmax of each track's logits × max(exp(log count) − 1, 0), and
/// <c>ProfileProbabilities</c> = the softmax, each float [batch, tracks × positions] track-major;
/// <c>Count</c> = max(exp(log count) − 1, 0) and <c>LogCount</c> = the raw count output, each float [batch, tracks];</item>
/// <item>binned tracks: <c>Score</c> = exp(raw) for Poisson loss (the rate), the raw output for squared error, float [batch, tracks × bins].</item>
/// </list>
/// </summary>
internal static class TrackOutputsOnnxWriter
{
    private const TensorProto.Types.DataType Float = TensorProto.Types.DataType.Float;

    /// <summary>The profile task's four columns from <paramref name="raw"/> (float [batch, tracks × (positions + 1)]).</summary>
    public static void WriteProfile(OnnxGraphBuilder graph, ProfileTask task, string raw, object batch)
    {
        long t = task.Layout.Tracks, p = task.Layout.Positions;
        var columns = task.OutputColumns;
        string logits = graph.Node("Slice", "profile_logits", [raw, graph.Longs("profile_logits_starts", 0), graph.Longs("profile_logits_ends", t * p), graph.Longs("profile_logits_axes", 1)]);
        string logCount = graph.Node("Slice", "log_count", [raw, graph.Longs("log_count_starts", t * p), graph.Longs("log_count_ends", t * p + t), graph.Longs("log_count_axes", 1)]);
        // The softmax runs per track: over the last axis of (batch, tracks, positions).
        string perTrack = graph.Node("Reshape", "profile_tracks", [logits, graph.Longs("profile_tracks_shape", -1, t, p)]);
        string probabilities = graph.Node("Softmax", "profile_probabilities", [perTrack], Int("axis", 2));
        // ProfileTask.TotalOf: max(exp(log count) − 1, 0), so a log count below 0 never gives a negative total.
        string total = graph.Node("Relu", "count_value", [graph.Node("Sub", "count_unclamped", [graph.Node("Exp", "count_plus_one", [logCount]), graph.Scalar("one", 1f)])]);
        string totals = graph.Node("Reshape", "count_per_track", [total, graph.Longs("count_per_track_shape", -1, t, 1)]);
        string expected = graph.Node("Mul", "profile_expected", [probabilities, totals]);
        long[] flat = [-1, t * p];
        graph.Output(graph.Node("Reshape", "profile_value", [expected, graph.Longs("profile_value_shape", flat)]), columns[0].Name, Float, batch, t * p);
        graph.Output(graph.Node("Reshape", "probabilities_value", [probabilities, graph.Longs("probabilities_value_shape", flat)]), columns[1].Name, Float, batch, t * p);
        graph.Output(total, columns[2].Name, Float, batch, t);
        graph.Output(logCount, columns[3].Name, Float, batch, t);
    }

    /// <summary>The binned-track task's <c>Score</c> from <paramref name="raw"/> (float [batch, tracks × bins]).</summary>
    public static void WriteBinned(OnnxGraphBuilder graph, BinnedTracksTask task, string raw, object batch)
    {
        string score = task.LossKind == TrackLoss.Poisson ? graph.Node("Exp", "score_value", [raw]) : raw;
        graph.Output(score, task.OutputColumns[0].Name, Float, batch, (long)task.Outputs);
    }
}
