using Cnn.MLNet.Onnx.Graph;
using Cnn.MLNet.Trainers;
using static Cnn.MLNet.Onnx.Graph.OnnxAttributes;
using static TorchSharp.torch;

namespace Cnn.MLNet.Onnx.Export;

/// <summary>
/// The <see cref="TrackHead"/> of a profile or binned-track network as ONNX nodes, step for step as
/// its <c>forward</c>: ConvTranspose (one channel per track, same padding) → Slice (the centred
/// output window) → AveragePool per bin (binned heads) → Flatten (track-major); for profile heads
/// also ReduceMean over the positions → Gemm (the count layer), concatenated after the profile.
/// </summary>
internal static class TrackHeadOnnxWriter
{
    /// <summary>Appends the head over the trunk's float (N, C, L) map <paramref name="trunk"/>; returns float [N, outputs].</summary>
    public static string Write(OnnxGraphBuilder graph, string name, TrackHead head, string trunk, Func<string, Exception> unsupported)
    {
        var spec = head.Spec;
        using var scope = NewDisposeScope();
        var parameters = head.Profile.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        if (!parameters.TryGetValue("weight", out var weight) || !parameters.TryGetValue("bias", out var bias))
            throw unsupported("its profile convolution has no weight or bias");
        // ConvTranspose1d's weight is (in, out, kernel), the layout ONNX's ConvTranspose takes (group 1).
        if (weight.dim() != 3 || weight.shape[2] != spec.KernelSize)
            throw unsupported($"its profile weight has shape [{string.Join(", ", weight.shape)}] but the spec says a kernel of {spec.KernelSize}");
        long pad = (spec.KernelSize - 1) / 2;
        string profile = graph.Node("ConvTranspose", $"{name}.profile",
            [trunk, graph.Initializer($"{name}.profile.weight", NetworkOnnxWriter.Host(weight), weight.shape), graph.Initializer($"{name}.profile.bias", NetworkOnnxWriter.Host(bias), bias.shape)],
            Ints("kernel_shape", spec.KernelSize), Ints("strides", 1), Ints("dilations", 1), Ints("pads", pad, pad), Int("group", 1));
        long start = head.CropStart;
        string track = graph.Node("Slice", $"{name}.crop",
            [profile, graph.Longs($"{name}.crop_starts", start), graph.Longs($"{name}.crop_ends", start + spec.OutputLength), graph.Longs($"{name}.crop_axes", 2)]);
        if (spec.Kind == TrackHeadKind.Binned && spec.BinSize > 1)
            track = graph.Node("AveragePool", $"{name}.bins", [track], Ints("kernel_shape", spec.BinSize), Ints("strides", spec.BinSize), Int("ceil_mode", 0));
        string flat = graph.Node("Flatten", $"{name}.flatten", [track], Int("axis", 1));
        if (head.Count is null) return flat;
        var count = head.Count as TorchSharp.Modules.Linear ?? throw unsupported($"its count layer is a {head.Count.GetType().Name}, not a linear layer");
        var countWeight = count.weight ?? throw unsupported("its count layer has no weight");
        string pooled = graph.Node("ReduceMean", $"{name}.pool", [trunk], Ints("axes", 2), Int("keepdims", 0));
        string countBias = count.bias is { } b
            ? graph.Initializer($"{name}.count.bias", NetworkOnnxWriter.Host(b), b.shape)
            : graph.Initializer($"{name}.count.bias", new float[countWeight.shape[0]], countWeight.shape[0]);
        string total = graph.Node("Gemm", $"{name}.count", [pooled, graph.Initializer($"{name}.count.weight", NetworkOnnxWriter.Host(countWeight), countWeight.shape), countBias], Int("transB", 1));
        return graph.Node("Concat", name, [flat, total], Int("axis", 1));
    }
}
