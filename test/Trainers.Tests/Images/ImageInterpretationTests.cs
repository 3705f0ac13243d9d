using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>Feature maps and saliency on 2-D networks.</summary>
[Collection(TorchGlobalState.Name)]
public class ImageInterpretationTests
{
    private const int Side = 6;

    public sealed class Row
    {
        [VectorType(2, Side, Side)] public float[] Features { get; set; } = [];
    }

    public sealed class Result
    {
        public float[] Features { get; set; } = [];
        public float[] Output { get; set; } = [];
    }

    /// <summary>
    /// y = Σ_p v_p (Σ_c k_c x[c, p] + b) + b₀: a 1×1 convolution with one filter and no activation,
    /// then the output layer over the 6 × 6 map. So ∂y/∂x[c, p] = v_p k_c exactly.
    /// </summary>
    private static (CnnPredictionTransformer Model, float[] K, float[] V) Linear()
    {
        var spec = new NetworkSpec { Name = "Linear2d", Trunk = [new ConvBlockSpec { Filters = 1, KernelSize = 1, Activation = Activation.None }] };
        var input = InputShape.Image(2, Side, Side);
        var network = input.CreateNetwork(spec, 1);
        float[] k = [0.7f, -1.3f];
        float[] v = Enumerable.Range(0, Side * Side).Select(p => MathF.Round(MathF.Sin(0.9f * p + 0.3f), 4)).ToArray();
        var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            Set(parameters, "conv1.weight", k);
            Set(parameters, "conv1.bias", [0.2f]);
            Set(parameters, "output.weight", v);
            Set(parameters, "output.bias", [0.1f]);
        }
        return (new CnnPredictionTransformer(new CnnModel(network, new RegressionTask(), input, CPU, []), "Features", scoringBatchSize: 3), k, v);
    }

    private static void Set(Dictionary<string, TorchSharp.Modules.Parameter> parameters, string suffix, float[] values)
    {
        var parameter = parameters.Single(p => p.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;
        using var source = tensor(values).reshape(parameter.shape);
        parameter.copy_(source);
    }

    private static IDataView Images(MLContext ml, int count)
    {
        var random = new Random(7);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, count)
            .Select(_ => new Row { Features = Enumerable.Range(0, 2 * Side * Side).Select(_ => (float)random.NextDouble()).ToArray() }).ToList());
    }

    [Fact]
    public void Saliency_of_a_linear_image_network_is_its_weights_times_the_input()
    {
        var ml = new MLContext(seed: 1);
        var (model, k, v) = Linear();
        var data = Images(ml, 5);
        var perPixel = ml.Data.CreateEnumerable<Result>(ml.Transforms.ComputeAttributions(model, outputColumnName: "Output").Fit(data).Transform(data), false).ToList();
        var perPosition = ml.Data.CreateEnumerable<Result>(ml.Transforms.ComputeAttributions(model, shape: AttributionShape.PerPosition, outputColumnName: "Output").Fit(data).Transform(data), false).ToList();
        int plane = Side * Side;
        for (int r = 0; r < perPixel.Count; r++)
        {
            var x = perPixel[r].Features;
            Assert.Equal(2 * plane, perPixel[r].Output.Length);
            Assert.Equal(plane, perPosition[r].Output.Length);
            for (int p = 0; p < plane; p++)
            {
                for (int c = 0; c < 2; c++)
                    Assert.Equal(v[p] * k[c] * x[c * plane + p], perPixel[r].Output[c * plane + p], 4);
                Assert.Equal(v[p] * (k[0] * x[p] + k[1] * x[plane + p]), perPosition[r].Output[p], 4);
            }
        }
    }

    [Fact]
    public void In_silico_mutagenesis_is_refused_for_images()
    {
        var error = Assert.Throws<NotSupportedException>(() => new MLContext().Transforms.ComputeAttributions(Linear().Model, AttributionMethod.InSilicoMutagenesis));
        Assert.Contains("needs a DNA or RNA model", error.Message);
    }

    [Fact]
    public void Feature_maps_of_an_image_layer_pool_over_height_and_width()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Network = NetworkPresets.LeNet5(), Epochs = 1, Seed = 1 }))
            .Fit(ImageData.Rgb(ml, 12, seed: 61)).LastTransformer;
        var data = ImageData.Rgb(ml, 2, seed: 62);
        List<float[]> Maps(string layer, FeatureMapPooling pooling) =>
            ml.Transforms.ExtractFeatureMaps(model, layer, pooling, "Maps").Fit(data).Transform(data).GetColumn<float[]>("Maps").ToList();

        var whole = Maps("pool1", FeatureMapPooling.None);          // 16×16 → conv1 12×12 → pool1 6 × 6 × 6
        var max = Maps("pool1", FeatureMapPooling.Max);
        var mean = Maps("pool1", FeatureMapPooling.Mean);
        var both = Maps("pool1", FeatureMapPooling.MaxAndMean);
        Assert.Equal(6 * 6 * 6, whole[0].Length);
        for (int r = 0; r < whole.Count; r++)
        {
            Assert.Equal(6, max[r].Length);
            for (int c = 0; c < 6; c++)
            {
                var channel = whole[r].AsSpan(c * 36, 36).ToArray();
                Assert.Equal(channel.Max(), max[r][c], 5);
                Assert.Equal(channel.Average(), mean[r][c], 5);
                Assert.Equal(max[r][c], both[r][c], 5);
                Assert.Equal(mean[r][c], both[r][6 + c], 5);
            }
        }
        Assert.Equal(120, Maps("dense1", FeatureMapPooling.Max)[0].Length);
        Assert.Equal(16 * 2 * 2, Maps("conv2", FeatureMapPooling.None)[0].Length);   // 6 × 6 → kernel 5 → 2 × 2
    }
}
