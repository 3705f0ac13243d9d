using Cnn.MLNet.Trainers;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Onnx.Tests.Support;

/// <summary>
/// Runs an exported model in ONNX Runtime on the held-out rows and compares every output with the
/// column our own transformer computed for the same rows, and with the same network run in float64
/// by TorchSharp (the task's formulas applied in double precision).
/// </summary>
/// <remarks>
/// The float64 reference is a second, independent check of our float32 scoring: any wrong float32
/// kernel (the project once suspected libtorch's convolution for wide layers; that was TorchSharp's
/// Scalar finalizer race, docs/CONV-KERNELS.md) shows up here. Both comparisons are asserted.
/// </remarks>
internal static class NetworkParity
{
    public const double Tolerance = 1e-5;

    /// <summary>The largest absolute differences of each float output from our own scoring (<c>Scoring</c>) and from the float64 reference (<c>Float64</c>).</summary>
    public sealed record Errors(IReadOnlyDictionary<string, double> Scoring, IReadOnlyDictionary<string, double> Float64);

    /// <summary>Exports, runs and compares; bool and index outputs must match our scoring exactly.</summary>
    public static Errors Check(NetworkModels.Scored scored)
    {
        var model = scored.Model;
        byte[] bytes = CnnOnnx.ToBytes(model);
        int rows = scored.Features.Length, size = model.Input.Size;
        Assert.True(rows > 1, "parity needs a batch of several rows");
        var flat = scored.Features.SelectMany(f => f).ToArray();
        Assert.Equal(rows * size, flat.Length);

        using var session = new InferenceSession(bytes);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", new DenseTensor<float>(flat, [rows, size]))]);
        var outputs = results.ToDictionary(r => r.Name, r => r);
        var expectedNames = model.Task.OutputColumns.Select(c => c.Name).ToArray();
        Assert.Equal(expectedNames.OrderBy(n => n), outputs.Keys.OrderBy(n => n));

        var errors = new Dictionary<string, double>();
        var reference = Reference64(model, flat, rows);
        var transformed = scored.Transformed;
        int k = model.Outputs;
        switch (model.TaskKind)
        {
            case CnnTaskKind.BinaryClassification:
                errors["Score"] = MaxError(Floats(outputs["Score"], rows, 1), transformed.GetColumn<float>("Score").ToArray());
                errors["Probability"] = MaxError(Floats(outputs["Probability"], rows, 1), transformed.GetColumn<float>("Probability").ToArray());
                var predicted = outputs["PredictedLabel"].AsTensor<bool>();
                Assert.Equal([rows, 1], predicted.Dimensions.ToArray());
                Assert.Equal(transformed.GetColumn<bool>("PredictedLabel").ToArray(), predicted.ToArray());
                break;
            case CnnTaskKind.MulticlassClassification:
                errors["Score"] = MaxError(Floats(outputs["Score"], rows, k), transformed.GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
                var index = outputs["PredictedLabel"].AsTensor<long>();
                Assert.Equal([rows, 1], index.Dimensions.ToArray());
                // ML.NET's key is 1-based; the graph gives the 0-based class index.
                Assert.Equal(transformed.GetColumn<uint>("PredictedLabel").Select(key => (long)key - 1).ToArray(), index.ToArray());
                break;
            case CnnTaskKind.Regression:
                errors["Score"] = MaxError(Floats(outputs["Score"], rows, 1), transformed.GetColumn<float>("Score").ToArray());
                break;
            case CnnTaskKind.MultiTask:
                errors["Score"] = MaxError(Floats(outputs["Score"], rows, k), transformed.GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
                break;
        }
        var float64 = new Dictionary<string, double>();
        foreach (var (name, values) in reference)
            float64[name] = MaxError(Floats(outputs[name], rows, values.Length / rows), values);
        return new Errors(errors, float64);
    }

    // The float outputs computed from the network run in float64 (a temporary conversion of the model's own module, undone before returning).
    private static Dictionary<string, double[]> Reference64(CnnModel model, float[] flat, int rows)
    {
        int k = model.Outputs;
        double[] raw;
        using (var scope = NewDisposeScope())
        using (var mode = inference_mode())
        {
            model.Network.to(ScalarType.Float64);
            try
            {
                var x = tensor(flat, [rows, model.Input.Size]).to_type(ScalarType.Float64);
                var output = model.AverageReverseComplement
                    ? model.Network.forward(cat([x, StrandComplement.For(model.Input)!.Apply(x)], 0)).view(2, rows, k).mean([0])
                    : model.Network.forward(x);
                raw = output.contiguous().data<double>().ToArray();
            }
            finally { model.Network.to(ScalarType.Float32); }
        }
        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        switch (model.Task)
        {
            case BinaryClassificationTask:
                return new() { ["Score"] = raw, ["Probability"] = raw.Select(Sigmoid).ToArray() };
            case MulticlassClassificationTask:
                var softmax = new double[raw.Length];
                for (int r = 0; r < rows; r++)
                {
                    var logits = raw.AsSpan(r * k, k);
                    double max = logits.ToArray().Max(), sum = 0;
                    for (int c = 0; c < k; c++) sum += softmax[r * k + c] = Math.Exp(logits[c] - max);
                    for (int c = 0; c < k; c++) softmax[r * k + c] /= sum;
                }
                return new() { ["Score"] = softmax };
            case MultiTaskTask multi:
                return new() { ["Score"] = raw.Select((z, i) => multi.Targets[i % k] == TargetKind.Binary ? Sigmoid(z) : z).ToArray() };
            default:
                return new() { ["Score"] = raw };
        }
    }

    private static float[] Floats(DisposableNamedOnnxValue value, int rows, int columns)
    {
        var tensor = value.AsTensor<float>();
        Assert.Equal([rows, columns], tensor.Dimensions.ToArray());
        return tensor.ToArray();
    }

    private static double MaxError(float[] actual, float[] expected) => MaxError(actual, expected.Select(v => (double)v).ToArray());

    private static double MaxError(float[] actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]), $"ONNX output {i} is {actual[i]}");
            max = Math.Max(max, Math.Abs((double)actual[i] - expected[i]));
        }
        return max;
    }
}
