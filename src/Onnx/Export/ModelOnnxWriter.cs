using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Trainers;
using static Cnn.MLNet.Onnx.Graph.OnnxAttributes;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// The model's forward pass as graph nodes: flat channel-major rows viewed as (N, C, L) or
/// (N, C, H, W) exactly as <see cref="Trainers.CnnNetwork"/> views them, the network
/// (<see cref="NetworkOnnxWriter"/>), and, for a model with
/// <see cref="CnnModel.AverageReverseComplement"/>, the mean of the raw outputs of each row and its
/// reverse complement, computed like <c>CnnModel.Forward</c> (both strands in one batch; track
/// outputs of the reverse strand realigned to the forward strand first).
/// </summary>
internal static class ModelOnnxWriter
{
    /// <summary>Appends the model's forward pass: <paramref name="features"/> is float [N, model.Input.Size]; returns the raw outputs, float [N, model.Outputs].</summary>
    public static string Write(OnnxGraphBuilder graph, CnnModel model, string features)
    {
        var input = model.Input;
        long[] view = input.Height is int height
            ? [-1, input.Channels, height, input.Length]
            : [-1, input.Channels, input.Length];
        string shaped = graph.Node("Reshape", "input_view", [features, graph.Longs("input_view_shape", view)]);
        if (!model.AverageReverseComplement)
            return NetworkOnnxWriter.Write(graph, model, shaped);

        // CnnModel.Forward: network(cat([x, rc(x)], 0)).view(2, rows, K).mean(0).
        var strands = StrandComplement.For(input)
            ?? throw new NotSupportedException($"ONNX export: model '{model.Spec.Name}' averages reverse complements but its input ({input}) is not one-hot DNA or RNA.");
        string complement = NetworkOnnxWriter.ReverseComplement(graph, shaped, strands.Permutation, "input_rc");
        string both = graph.Node("Concat", "both_strands", [shaped, complement], Int("axis", 0));
        string raw = NetworkOnnxWriter.Write(graph, model, both);
        string pairs = graph.Node("Reshape", "strand_pairs", [raw, graph.Longs("strand_pairs_shape", 2, -1, model.Outputs)]);
        if (model.Task.ReverseStrandOutputOrder is { } order)
            pairs = AlignReverseStrand(graph, pairs, order);
        return graph.Node("ReduceMean", "strand_mean", [pairs], Ints("axes", 0), Int("keepdims", 0));
    }

    // CnnModel.AlignToForwardStrand: track outputs computed on the reverse complement lie reversed (and stranded
    // pairs swapped), so the reverse half is reordered (Gather with the task's order) before the mean.
    private static string AlignReverseStrand(OnnxGraphBuilder graph, string pairs, int[] order)
    {
        string forward = graph.Node("Gather", "forward_strand", [pairs, graph.Longs("forward_strand_index", 0)], Int("axis", 0));
        string reverse = graph.Node("Gather", "reverse_strand", [pairs, graph.Longs("reverse_strand_index", 1)], Int("axis", 0));
        string index = graph.Longs("reverse_strand_order", Array.ConvertAll(order, i => (long)i));
        string aligned = graph.Node("Gather", "reverse_strand_aligned", [reverse, index], Int("axis", 2));
        return graph.Node("Concat", "strand_pairs_aligned", [forward, aligned], Int("axis", 0));
    }
}
