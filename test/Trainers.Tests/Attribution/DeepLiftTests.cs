using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Attribution;

/// <summary>
/// DeepLIFT (rescale rule) and DeepSHAP against known answers: the exact contribution of a linear
/// model, and a float64 implementation of the rescale and max-pooling rules written here from the
/// paper, independent of the TorchSharp graph trick the library uses.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class DeepLiftTests
{
    private const int Length = 10;

    public sealed class Result
    {
        public float[] Features { get; set; } = [];
        public float[] Attribution { get; set; } = [];
        public float AttributionError { get; set; }
    }

    private static IDataView Encode(MLContext ml, IEnumerable<string> sequences, int length = Length) => AttributionTestData.Encode(ml, sequences, length);

    private static List<string> RandomSequences(int count, int seed, int length = Length) => AttributionTestData.RandomSequences(count, seed, length);

    private static CnnPredictionTransformer Model(NetworkSpec spec, IDataView encoded, int seed, bool averageStrands = false)
    {
        var input = InputShape.FromColumn(encoded.Schema["Features"], null);
        torch.manual_seed(seed);
        var network = input.CreateNetwork(spec, 1);
        network.eval();
        return new CnnPredictionTransformer(new CnnModel(network, new RegressionTask(), input, CPU, []) { AverageReverseComplement = averageStrands }, "Features", scoringBatchSize: 5);
    }

    private static List<Result> Attribute(MLContext ml, CnnPredictionTransformer model, IDataView encoded, AttributionOptions options) =>
        ml.Data.CreateEnumerable<Result>(ml.Transforms.ComputeAttributions(model, options).Fit(encoded).Transform(encoded), false, ignoreMissingColumns: true).ToList();

    private static float[] Parameter(CnnPredictionTransformer model, string name) =>
        model.Model.Network.named_parameters().Single(p => p.name.EndsWith(name, StringComparison.Ordinal)).parameter.detach().contiguous().data<float>().ToArray();

    /// <summary>The references the library draws for one row (the same shuffles whatever the batch).</summary>
    private static float[] References(CnnPredictionTransformer model, float[] row, AttributionOptions options, out int count)
    {
        var references = AttributionReferences.For(model.Model.Input, options.Method, options);
        count = references.Count;
        var values = new float[count * row.Length];
        references.Fill(row, 1, values);
        return values;
    }

    [Fact]
    public void DeepLift_of_a_linear_model_is_the_exact_contribution_w_times_x_minus_reference()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(7, seed: 11));
        var spec = new NetworkSpec { Name = "Linear", Trunk = [new ConvBlockSpec { Filters = 3, KernelSize = Length, Activation = Activation.None }] };
        var model = Model(spec, encoded, seed: 5);
        // Output = Σ_f o_f (Σ W_f·x + b_f) + c, so its gradient G[c, p] = Σ_f o_f W_f[c, p] is the multiplier at every reference.
        var w = Parameter(model, "conv1.weight");
        var o = Parameter(model, "output.weight");
        var gradient = new double[4 * Length];
        for (int f = 0; f < 3; f++)
            for (int i = 0; i < 4 * Length; i++) gradient[i] += o[f] * w[f * 4 * Length + i];

        foreach (var baseline in new[] { AttributionBaseline.Uniform, AttributionBaseline.Zero, AttributionBaseline.DinucleotideShuffle })
        {
            var options = new AttributionOptions { Method = AttributionMethod.DeepLift, Baseline = baseline, References = 6, Seed = 3 };
            foreach (var row in Attribute(ml, model, encoded, options))
            {
                var refs = References(model, row.Features, options, out int n);
                for (int i = 0; i < 4 * Length; i++)
                {
                    double meanDifference = Enumerable.Range(0, n).Average(k => row.Features[i] - refs[k * 4 * Length + i]);
                    double expected = gradient[i] * meanDifference;
                    Assert.True(Math.Abs(expected - row.Attribution[i]) <= 1e-5, $"{baseline} value {i}: expected {expected}, got {row.Attribution[i]}");
                }
                Assert.True(row.AttributionError <= 1e-4, $"{baseline}: summation error {row.AttributionError}");
            }
        }
    }

    [Theory]
    [InlineData(AttributionBaseline.Uniform, 1)]
    [InlineData(AttributionBaseline.DinucleotideShuffle, 8)]
    public void DeepLift_of_a_ReLU_network_matches_a_float64_implementation(AttributionBaseline baseline, int references)
    {
        var ml = new MLContext(seed: 1);
        const int length = 12;
        var sequences = RandomSequences(10, seed: 21, length: length);
        var encoded = Encode(ml, sequences, length);
        // conv 3 × 3 (valid) → ReLU → max pool 2 → dense 5 → ReLU → output.
        var spec = new NetworkSpec
        {
            Name = "Small",
            Trunk = [new ConvBlockSpec { Filters = 3, KernelSize = 3, Pool = Pooling.Max, PoolSize = 2 }],
            Head = [new DenseLayerSpec { Units = 5 }],
        };
        var model = Model(spec, encoded, seed: 7);
        var reference = new Float64DeepLift(
            Parameter(model, "conv1.weight"), Parameter(model, "conv1.bias"), Parameter(model, "dense1.weight"), Parameter(model, "dense1.bias"),
            Parameter(model, "output.weight"), Parameter(model, "output.bias"), filters: 3, kernel: 3, length: length, units: 5);

        var options = new AttributionOptions { Method = AttributionMethod.DeepLift, Baseline = baseline, References = references, Seed = 9 };
        var rows = Attribute(ml, model, encoded, options);
        double worst = 0;
        foreach (var row in rows)
        {
            var refs = References(model, row.Features, options, out int n);
            var expected = new double[4 * length];
            for (int k = 0; k < n; k++)
            {
                var one = reference.Contributions(row.Features, refs.AsSpan(k * 4 * length, 4 * length).ToArray());
                for (int i = 0; i < expected.Length; i++) expected[i] += one[i] / n;
            }
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(expected[i] - row.Attribution[i]);
                worst = Math.Max(worst, error);
                Assert.True(error <= 1e-5 + 1e-4 * Math.Abs(expected[i]), $"value {i}: float64 {expected[i]}, library {row.Attribution[i]}");
            }
        }
        Assert.True(rows.Sum(r => r.Attribution.Count(v => Math.Abs(v) > 1e-3)) > 20, "the network must give non-trivial contributions for the comparison to mean anything");
    }

    public static TheoryData<string, bool> Presets() => new()
    {
        { "TwoBlock", false }, { "Zou2019", false }, { "DeepBind", false }, { "Basset", false }, { "DilatedResNet", false },
        { "Zou2019", true }, { "DilatedResNet", true },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Summation_to_delta_holds_within_1e_3_on_every_sequence_preset(string preset, bool averageStrands)
    {
        var ml = new MLContext(seed: 1);
        const int length = 200;
        var encoded = Encode(ml, RandomSequences(4, seed: 31, length: length), length);
        var model = Model(NetworkPresets.ByName[preset](), encoded, seed: 13, averageStrands);
        RandomiseBatchNorms(model.Model.Network, seed: 17);

        var options = new AttributionOptions { Method = AttributionMethod.DeepLift, References = 5, SummationErrorColumnName = "AttributionError" };
        var rows = Attribute(ml, model, encoded, options);
        Assert.All(rows, row => Assert.True(row.AttributionError <= 1e-3, $"{preset}: relative summation error {row.AttributionError}"));
        Assert.Contains(rows, row => row.Attribution.Any(v => v != 0));
    }

    [Fact]
    public void Summation_holds_with_strand_shared_convolutions()
    {
        var ml = new MLContext(seed: 1);
        const int length = 60;
        var encoded = Encode(ml, RandomSequences(4, seed: 32, length: length), length);
        var spec = new NetworkSpec
        {
            Name = "Shared",
            Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 9, StrandShared = true, Pool = Pooling.Max, PoolSize = 4 }, new GlobalPoolSpec { Kind = Pooling.Max }],
            Head = [new DenseLayerSpec { Units = 8, Activation = Activation.Gelu }],
        };
        var input = InputShape.FromColumn(encoded.Schema["Features"], null);
        torch.manual_seed(3);
        var network = new CnnNetwork(spec, input.Channels, null, input.Length, 1, StrandComplement.For(input));
        network.eval();
        var model = new CnnPredictionTransformer(new CnnModel(network, new RegressionTask(), input, CPU, []), "Features", scoringBatchSize: 5);
        var rows = Attribute(ml, model, encoded, new AttributionOptions { Method = AttributionMethod.DeepLift, References = 5 });
        Assert.All(rows, row => Assert.True(row.AttributionError <= 1e-3, $"relative summation error {row.AttributionError}"));
    }

    [Fact]
    public void Hypothetical_contributions_at_the_present_base_are_the_actual_contributions()
    {
        var ml = new MLContext(seed: 1);
        const int length = 40;
        var encoded = Encode(ml, RandomSequences(5, seed: 41, length: length), length);
        var model = Model(NetworkPresets.Zou2019(), encoded, seed: 3);
        var actual = Attribute(ml, model, encoded, new AttributionOptions { Method = AttributionMethod.DeepLift, References = 4 });
        var hypothetical = Attribute(ml, model, encoded, new AttributionOptions { Method = AttributionMethod.DeepLift, References = 4, Hypothetical = true });
        for (int r = 0; r < actual.Count; r++)
        {
            Assert.Equal(actual[r].AttributionError, hypothetical[r].AttributionError); // the check runs on the actual contributions either way
            for (int p = 0; p < length; p++)
            {
                double present = 0;
                for (int c = 0; c < 4; c++) present += hypothetical[r].Attribution[c * length + p] * actual[r].Features[c * length + p];
                double sum = Enumerable.Range(0, 4).Sum(c => (double)actual[r].Attribution[c * length + p]);
                Assert.True(Math.Abs(present - sum) <= 1e-5, $"row {r} position {p}: hypothetical at the base {present}, actual {sum}");
            }
            Assert.Contains(Enumerable.Range(0, 4 * length), i => actual[r].Features[i] == 0 && Math.Abs(hypothetical[r].Attribution[i]) > 1e-4);
        }
    }

    [Fact]
    public void Integrated_gradients_of_a_linear_model_are_exact_and_converge_on_a_ReLU_network()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(4, seed: 51));
        var linear = Model(new NetworkSpec { Name = "Linear", Trunk = [new ConvBlockSpec { Filters = 1, KernelSize = Length, Activation = Activation.None }] }, encoded, seed: 5);
        var w = Parameter(linear, "conv1.weight");
        float o = Parameter(linear, "output.weight")[0];
        foreach (var row in Attribute(ml, linear, encoded, new AttributionOptions { Method = AttributionMethod.IntegratedGradients, Steps = 4 }))
        {
            for (int i = 0; i < 4 * Length; i++) Assert.True(Math.Abs(o * w[i] * row.Features[i] - row.Attribution[i]) <= 1e-5, $"value {i}");
            Assert.True(row.AttributionError <= 1e-4);
        }

        const int length = 100;
        var sequences = Encode(ml, RandomSequences(4, seed: 52, length: length), length);
        var relu = Model(NetworkPresets.Zou2019(), sequences, seed: 8);
        double Worst(int steps) => Attribute(ml, relu, sequences, new AttributionOptions { Method = AttributionMethod.IntegratedGradients, Steps = steps }).Max(r => r.AttributionError);
        double coarse = Worst(2), fine = Worst(200);
        Assert.True(fine < coarse, $"more steps should shrink the summation error: 2 steps {coarse}, 200 steps {fine}");
        Assert.True(fine <= 0.02, $"200 steps: summation error {fine}");
    }

    [Fact]
    public void Simplex_corrected_saliency_subtracts_the_mean_gradient_over_bases()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(5, seed: 61));
        var model = Model(new NetworkSpec { Name = "Linear", Trunk = [new ConvBlockSpec { Filters = 1, KernelSize = Length, Activation = Activation.None }] }, encoded, seed: 5);
        var w = Parameter(model, "conv1.weight");
        float o = Parameter(model, "output.weight")[0];
        var corrected = Attribute(ml, model, encoded, new AttributionOptions { Method = AttributionMethod.Saliency });
        var hypothetical = Attribute(ml, model, encoded, new AttributionOptions { Method = AttributionMethod.Saliency, Hypothetical = true });
        var raw = Attribute(ml, model, encoded, new AttributionOptions { Method = AttributionMethod.Saliency, SimplexCorrection = false });
        for (int r = 0; r < corrected.Count; r++)
            for (int c = 0; c < 4; c++)
                for (int p = 0; p < Length; p++)
                {
                    int i = c * Length + p;
                    double mean = Enumerable.Range(0, 4).Average(b => o * w[b * Length + p]);
                    double g = o * w[i];
                    Assert.True(Math.Abs((g - mean) * corrected[r].Features[i] - corrected[r].Attribution[i]) <= 1e-5, $"corrected {i}");
                    Assert.True(Math.Abs((g - mean) - hypothetical[r].Attribution[i]) <= 1e-5, $"hypothetical {i}");
                    Assert.True(Math.Abs(g * raw[r].Features[i] - raw[r].Attribution[i]) <= 1e-5, $"uncorrected {i}");
                }
    }

    [Fact]
    public void A_layer_without_a_DeepLift_rule_is_refused_by_name()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(2, seed: 71));
        var model = Model(NetworkPresets.Zou2019() with { Trunk = [new ConvBlockSpec { Filters = 4, KernelSize = 3 }] }, encoded, seed: 1);
        model.Model.Network.LayerSequence.append("mystery", nn.Softplus());
        var error = Assert.Throws<NotSupportedException>(() => ml.Transforms.ComputeAttributions(model, new AttributionOptions { Method = AttributionMethod.DeepLift }));
        Assert.Contains("'mystery'", error.Message);
        Assert.Contains("Softplus", error.Message);
    }

    [Fact]
    public void Options_that_do_not_fit_the_model_are_errors_naming_the_option()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, RandomSequences(2, seed: 72));
        var model = Model(NetworkPresets.Zou2019() with { Trunk = [new ConvBlockSpec { Filters = 4, KernelSize = 3 }] }, encoded, seed: 1);
        Assert.Contains("Blurred", Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(model,
            new AttributionOptions { Method = AttributionMethod.DeepLift, Baseline = AttributionBaseline.Blurred })).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("References", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ComputeAttributions(model,
            new AttributionOptions { Method = AttributionMethod.DeepLift, References = 0 })).Message);
        Assert.Contains("Steps", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ComputeAttributions(model,
            new AttributionOptions { Method = AttributionMethod.IntegratedGradients, Steps = 0 })).Message);
        Assert.Contains("hypothetical", Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(model,
            new AttributionOptions { Method = AttributionMethod.InSilicoMutagenesis, Hypothetical = true })).Message);
        Assert.Contains("PerBase", Assert.Throws<ArgumentException>(() => ml.Transforms.ComputeAttributions(model,
            new AttributionOptions { Method = AttributionMethod.DeepLift, Hypothetical = true, Shape = AttributionShape.PerPosition })).Message);
    }

    public sealed class ImageRow
    {
        [Microsoft.ML.Data.VectorType(3 * 32 * 32)] public float[] Features { get; set; } = [];
    }

    [Theory]
    [InlineData("LeNet5", AttributionBaseline.Zero)]
    [InlineData("Geron", AttributionBaseline.Blurred)]
    [InlineData("SmallVgg", AttributionBaseline.Zero)]
    [InlineData("SmallResNet", AttributionBaseline.Blurred)]
    public void Summation_to_delta_holds_on_image_presets(string preset, AttributionBaseline baseline)
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(81);
        var images = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 3).Select(_ => new ImageRow { Features = Enumerable.Range(0, 3 * 32 * 32).Select(_ => (float)random.NextDouble()).ToArray() }).ToList());
        var input = InputShape.Image(3, 32, 32);
        torch.manual_seed(19);
        var network = input.CreateNetwork(NetworkPresets.ByName[preset](), 1);
        network.eval();
        RandomiseBatchNorms(network, seed: 23);
        var model = new CnnPredictionTransformer(new CnnModel(network, new RegressionTask(), input, CPU, []), "Features", scoringBatchSize: 3);
        var rows = Attribute(ml, model, images, new AttributionOptions { Method = AttributionMethod.DeepLift, Baseline = baseline, BlurSigma = 2 });
        Assert.All(rows, row => Assert.True(row.AttributionError <= 1e-3, $"{preset}: relative summation error {row.AttributionError}"));
        Assert.Contains(rows, row => row.Attribution.Any(v => v != 0));
    }

    [Fact]
    public void A_row_gets_the_same_references_and_attributions_in_any_batch()
    {
        var ml = new MLContext(seed: 1);
        const int length = 50;
        var sequences = RandomSequences(6, seed: 91, length: length);
        var model = Model(NetworkPresets.Zou2019(), Encode(ml, sequences, length), seed: 4);
        var options = new AttributionOptions { Method = AttributionMethod.DeepLift, References = 4 };
        var together = Attribute(ml, model, Encode(ml, sequences, length), options);
        for (int i = 0; i < sequences.Count; i += 5)
        {
            var alone = Attribute(ml, model, Encode(ml, [sequences[i]], length), options).Single();
            for (int v = 0; v < alone.Attribution.Length; v++)
                Assert.True(Math.Abs(alone.Attribution[v] - together[i].Attribution[v]) <= 1e-5, $"row {i} value {v}: alone {alone.Attribution[v]}, in a batch {together[i].Attribution[v]}");
        }
    }

    /// <summary>Gives every batch norm non-trivial running statistics and affine parameters, as training would.</summary>
    private static void RandomiseBatchNorms(CnnNetwork network, int seed)
    {
        var random = new Random(seed);
        using var noGrad = torch.no_grad();
        foreach (var module in network.modules().OfType<BatchNormLayer>())
        {
            long n = module.Features;
            float[] Draw(double low, double high) => Enumerable.Range(0, (int)n).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
            module.RunningMean.copy_(torch.tensor(Draw(-0.3, 0.3)));
            module.RunningVariance.copy_(torch.tensor(Draw(0.2, 2)));
            module.Weight.copy_(torch.tensor(Draw(0.5, 1.5)));
            module.Bias.copy_(torch.tensor(Draw(-0.2, 0.2)));
        }
    }
}
