using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.FeatureMaps;

/// <summary>One CNN (Zou2019: conv1 32 × 12 → act1 → pool1 max 4 → dense1 16 → output) trained once for the whole class.</summary>
public sealed class TrainedMotifCnn
{
    public TrainedMotifCnn()
    {
        var ml = new MLContext(seed: 1);
        var options = new CnnBinaryTrainer.Options { Network = NetworkPresets.Zou2019(), Epochs = 12, Seed = 1, ScoringBatchSize = 7 };
        Cnn = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(options))
            .Fit(MotifData.Load(ml, 800, seed: 1)).LastTransformer;
    }

    public CnnPredictionTransformer Cnn { get; }
}

[Collection(TorchGlobalState.Name)]
public class FeatureMapTests(TrainedMotifCnn trained) : IClassFixture<TrainedMotifCnn>
{
    private readonly CnnPredictionTransformer _cnn = trained.Cnn;

    public sealed class Maps
    {
        public float[] Features { get; set; } = [];
        public float[] FeatureMaps { get; set; } = [];
    }

    /// <summary>Equal up to float rounding (batched and single-row kernels may sum in different orders).</summary>
    private static void Close(float expected, float actual) =>
        Assert.True(MathF.Abs(expected - actual) <= 1e-5f * MathF.Max(1f, MathF.Abs(expected)), $"expected {expected}, got {actual}");

    private static IDataView Encode(MLContext ml, IDataView data, int length = 50) =>
        ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: length).Fit(data).Transform(data);

    private List<Maps> Extract(MLContext ml, IDataView encoded, string layer, FeatureMapPooling pooling) =>
        ml.Data.CreateEnumerable<Maps>(ml.Transforms.ExtractFeatureMaps(_cnn, layer, pooling).Fit(encoded).Transform(encoded), false).ToList();

    [Fact]
    public void Unpooled_map_equals_ForwardTo_for_the_same_rows()
    {
        var ml = new MLContext(seed: 1);
        var rows = Extract(ml, Encode(ml, MotifData.Load(ml, 20, seed: 30)), "act1", FeatureMapPooling.None);
        var input = rows.SelectMany(r => r.Features).ToArray();

        float[] expected;
        using (torch.inference_mode())
        using (var x = torch.tensor(input, [rows.Count, 4 * 50]))
        using (var maps = _cnn.Model.Network.ForwardTo("act1", x))
            expected = maps.contiguous().data<float>().ToArray();

        Assert.Equal(rows.Count * 32 * 39, expected.Length);
        var actual = rows.SelectMany(r => r.FeatureMaps).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i]);
        Assert.Contains(actual, v => v > 0); // a trained ReLU map is not all zeros
    }

    [Fact]
    public void Max_and_mean_pooling_equal_max_and_mean_over_positions_of_the_unpooled_map()
    {
        var ml = new MLContext(seed: 1);
        var encoded = Encode(ml, MotifData.Load(ml, 20, seed: 31));
        var whole = Extract(ml, encoded, "act1", FeatureMapPooling.None);
        var max = Extract(ml, encoded, "act1", FeatureMapPooling.Max);
        var mean = Extract(ml, encoded, "act1", FeatureMapPooling.Mean);
        var both = Extract(ml, encoded, "act1", FeatureMapPooling.MaxAndMean);

        const int channels = 32, positions = 39;
        for (int r = 0; r < whole.Count; r++)
        {
            for (int c = 0; c < channels; c++)
            {
                var filter = whole[r].FeatureMaps.AsSpan(c * positions, positions).ToArray();
                float expectedMax = filter.Max();
                float expectedMean = (float)filter.Average(v => (double)v);
                Close(expectedMax, max[r].FeatureMaps[c]);
                Close(expectedMean, mean[r].FeatureMaps[c]);
                Close(expectedMax, both[r].FeatureMaps[c]);
                Close(expectedMean, both[r].FeatureMaps[channels + c]);
            }
        }
    }

    [Theory]
    [InlineData("conv1", FeatureMapPooling.None, 32 * 39)]
    [InlineData("act1", FeatureMapPooling.Max, 32)]
    [InlineData("act1", FeatureMapPooling.Mean, 32)]
    [InlineData("act1", FeatureMapPooling.MaxAndMean, 64)]
    [InlineData("pool1", FeatureMapPooling.None, 32 * 9)]
    [InlineData("pool1", FeatureMapPooling.MaxAndMean, 64)]
    [InlineData("dense1", FeatureMapPooling.Max, 16)]      // flat: pooling does not apply
    [InlineData("dense1_act", FeatureMapPooling.None, 16)]
    [InlineData("output", FeatureMapPooling.MaxAndMean, 1)]
    public void Output_size_follows_the_layer_and_the_pooling(string layer, FeatureMapPooling pooling, int size)
    {
        var ml = new MLContext(seed: 1);
        var data = MotifData.Load(ml, 9, seed: 32);
        var estimator = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.Transforms.ExtractFeatureMaps(_cnn, layer, pooling, outputColumnName: "Maps"));

        var shape = estimator.GetOutputSchema(Cnn.MLNet.Transforms.MLNetInterop.SchemaShapeFactory.FromSchema(data.Schema));
        var model = estimator.Fit(data);
        var output = model.Transform(data);

        Assert.Contains(shape, c => c.Name == "Maps" && c.Kind == SchemaShape.Column.VectorKind.Vector && c.ItemType == NumberDataViewType.Single);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, size), output.Schema["Maps"].Type);
        Assert.Equal(size, model.LastTransformer.OutputSize);
        Assert.All(output.GetColumn<float[]>("Maps"), row => Assert.Equal(size, row.Length));
        Assert.Equal(9, output.GetColumn<string>("Sequence").Count()); // pass-through columns survive
    }

    [Fact]
    public void Every_valid_layer_of_a_network_with_batch_norm_dropout_and_residual_blocks_gets_the_size_it_declares()
    {
        var spec = new NetworkSpec
        {
            Name = "Mixed",
            Trunk =
            [
                new ConvBlockSpec { Filters = 6, KernelSize = 5, BatchNorm = true, Pool = Pooling.Average, PoolSize = 2, Dropout = 0.2 },
                new ResidualBlockSpec { Filters = 8, KernelSize = 3, Dilation = 2 },
                new GlobalPoolSpec { Kind = Pooling.Max },
            ],
            Head = [new DenseLayerSpec { Units = 5, BatchNorm = true, Dropout = 0.1 }],
        };
        using var model = new CnnModel(new CnnNetwork(spec, 4, 30, 1), new BinaryClassificationTask(1), new InputShape(4, 30, null), CPU, []);
        var input = new float[3 * 4 * 30];
        for (int i = 0; i < input.Length; i++) input[i] = (i * 7 % 4 == 0) ? 1 : 0;

        foreach (var layer in model.Network.ValidLayerNames())
        {
            long[] shape;
            using (torch.inference_mode())
            using (var x = torch.tensor(input, [3, 120]))
            using (var maps = model.Network.ForwardTo(layer, x))
                shape = maps.shape;
            bool flat = shape.Length == 2 || layer.StartsWith("globalpool", StringComparison.Ordinal);
            int channels = (int)shape[1], all = (int)(shape.Skip(1).Aggregate(1L, (a, b) => a * b));
            foreach (var pooling in Enum.GetValues<FeatureMapPooling>())
            {
                var function = new FeatureMapFunction(model, layer, pooling, "Maps");
                int expected = flat || pooling == FeatureMapPooling.None ? all : pooling == FeatureMapPooling.MaxAndMean ? 2 * channels : channels;
                Assert.True(expected == function.OutputWidth, $"{layer} {pooling}: expected {expected}, declared {function.OutputWidth}");
                var outputs = new float[3 * function.OutputWidth];
                function.Compute(input, 3, outputs); // the computed size matches the declared one (ToSpan would throw on overflow)
            }
        }
    }

    [Fact]
    public void Batched_Transform_and_PredictionEngine_give_the_same_maps()
    {
        var ml = new MLContext(seed: 1);
        var test = MotifData.Generate(45, seed: 33); // six full batches of 7 and a partial one
        var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.Transforms.ExtractFeatureMaps(_cnn, "pool1", FeatureMapPooling.MaxAndMean))
            .Fit(ml.Data.LoadFromEnumerable(test));
        var batched = ml.Data.CreateEnumerable<Maps>(pipeline.Transform(ml.Data.LoadFromEnumerable(test)), false).ToList();
        var engine = ml.Model.CreatePredictionEngine<MotifData.Row, Maps>(pipeline);

        for (int i = 0; i < test.Count; i++)
        {
            var single = engine.Predict(test[i]).FeatureMaps;
            Assert.Equal(64, single.Length);
            for (int j = 0; j < single.Length; j++) Close(batched[i].FeatureMaps[j], single[j]);
        }
    }

    [Fact]
    public void An_unknown_layer_is_an_error_that_lists_the_valid_names()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.ExtractFeatureMaps(_cnn, "conv7"));

        Assert.Equal("layer", error.ParamName);
        Assert.Contains("'conv7'", error.Message);
        foreach (var name in new[] { "conv1", "act1", "pool1", "dense1", "dense1_act", "output" })
            Assert.Contains(name, error.Message);
        Assert.DoesNotContain("flatten", error.Message);
        Assert.Equal(_cnn.Model.Network.ValidLayerNames(), ["conv1", "act1", "pool1", "dense1", "dense1_act", "output"]);
    }

    [Fact]
    public void Sequences_encoded_differently_from_the_model_are_an_error()
    {
        var ml = new MLContext(seed: 1);
        var data = MotifData.Load(ml, 10, seed: 34, length: 60);
        var chain = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 60)
            .Append(ml.Transforms.ExtractFeatureMaps(_cnn, "act1"));

        var error = Assert.Throws<InvalidOperationException>(() => chain.Fit(data));
        Assert.Contains("Length: expected 50, found 60", error.Message);
        var encoded = Encode(ml, data, length: 60);
        Assert.Throws<InvalidOperationException>(() => ml.Transforms.ExtractFeatureMaps(_cnn, "act1").Fit(Encode(ml, MotifData.Load(ml, 10, seed: 34))).Transform(encoded));
        var missing = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.ExtractFeatureMaps(_cnn, "act1", inputColumnName: "Nope").Fit(encoded));
        Assert.Contains("Nope", missing.Message);
    }

    [Fact]
    public void Saving_with_MLContext_is_not_supported()
    {
        var ml = new MLContext(seed: 1);
        var data = Encode(ml, MotifData.Load(ml, 5, seed: 35));
        var transformer = ml.Transforms.ExtractFeatureMaps(_cnn, "pool1").Fit(data);
        Assert.Throws<NotSupportedException>(() => ml.Model.Save(transformer, data.Schema, new MemoryStream()));
    }

    [Fact]
    public void Transfer_learning_feature_maps_into_FastTree_in_one_chain()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.Transforms.ExtractFeatureMaps(_cnn, "pool1", FeatureMapPooling.Max))
            .Append(ml.BinaryClassification.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "FeatureMaps", numberOfTrees: 50));

        var model = pipeline.Fit(MotifData.Load(ml, 600, seed: 40));
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(MotifData.Load(ml, 400, seed: 41)));

        Assert.True(metrics.AreaUnderRocCurve >= 0.95, $"AUC {metrics.AreaUnderRocCurve}");
        Console.WriteLine($"Transfer learning (pool1 max → FastTree): AUC {metrics.AreaUnderRocCurve:F4}, accuracy {metrics.Accuracy:F4}");
    }
}
