using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>Starting a trainer from a trained model's weights, with and without a frozen trunk.</summary>
[Collection(TorchGlobalState.Name)]
public class FineTuningTests
{
    // Small, with batch norm in the trunk (its running statistics must survive a frozen fine-tune).
    private static NetworkSpec Small() => new()
    {
        Name = "small",
        Trunk =
        [
            new ConvBlockSpec { Filters = 8, KernelSize = 3, Padding = ConvPadding.Same, BatchNorm = true, Pool = Pooling.Max, PoolSize = 2 },
            new ConvBlockSpec { Filters = 16, KernelSize = 3, Padding = ConvPadding.Same, BatchNorm = true, Pool = Pooling.Max, PoolSize = 2 },
        ],
        Head = [new DenseLayerSpec { Units = 32 }],
    };

    private static CnnPredictionTransformer TrainThreeClasses(MLContext ml, IDataView data) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Network = Small(), Epochs = 6, LearningRate = 3e-3, Seed = 1 }))
            .Fit(data).LastTransformer;

    private static Dictionary<string, Tensor> Weights(CnnModel model) =>
        model.Network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private sealed class Horizontal
    {
        public bool Label { get; set; }
        [VectorType(3, ImageData.Size, ImageData.Size)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void A_frozen_trunk_keeps_every_trunk_weight_and_statistic_while_a_new_head_learns_a_new_task()
    {
        var ml = new MLContext(seed: 1);
        var start = TrainThreeClasses(ml, ImageData.Rgb(ml, 60, seed: 21));
        var before = Weights(start.Model);

        // New task, new output size: "is the bar horizontal?" (binary, one output instead of three).
        IDataView Binary(int perClass, int seed) => ml.Data.LoadFromEnumerable(
            ml.Data.CreateEnumerable<ImageData.RgbRow>(ImageData.Rgb(ml, perClass, seed), false)
                .Select(r => new Horizontal { Label = r.Label == "horizontal", Features = r.Features }).ToList());
        var tuned = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
        {
            StartFrom = start.Model,
            FreezeTrunk = true,
            Epochs = 4,
            LearningRate = 3e-3,
            Seed = 2,
        }).Fit(Binary(40, 22));

        var after = Weights(tuned.Model);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, tensor) in after)
        {
            bool trunk = !name.StartsWith("layers.dense", StringComparison.Ordinal) && !name.StartsWith("layers.output", StringComparison.Ordinal);
            if (name.StartsWith("layers.output", StringComparison.Ordinal))
                Assert.NotEqual(before[name].shape, tensor.shape);                 // replaced: 1 output instead of 3
            else if (trunk)
                Assert.True(Same(before[name], tensor), $"{name} changed although the trunk is frozen");
            else
                Assert.False(Same(before[name], tensor), $"{name} did not train");
        }
        Assert.Contains(after.Keys, k => k.Contains("running_mean"));
        Assert.True(tuned.Model.Network.TrunkFrozen);

        var metrics = ml.BinaryClassification.Evaluate(tuned.Transform(Binary(30, 23)));
        Assert.True(metrics.Accuracy >= 0.8, $"fine-tuned accuracy {metrics.Accuracy:F3}");
    }

    [Fact]
    public void Without_freezing_every_weight_starts_from_the_model_and_keeps_training()
    {
        var ml = new MLContext(seed: 1);
        var data = ImageData.Rgb(ml, 30, seed: 31);
        var start = TrainThreeClasses(ml, data);

        // The copy itself: the same outputs as the start model before any step.
        using (var copy = start.Model.Input.CreateNetwork(start.Model.Spec, 3))
        {
            Assert.True(FineTuning.CopyWeights(start.Model, copy, resetOutput: null));
            copy.eval();
            var features = ml.Data.CreateEnumerable<ImageData.RgbRow>(data, false).Take(5).SelectMany(r => r.Features).ToArray();
            var expected = new float[5 * 3];
            start.Model.Forward(features, 5, expected);
            using var input = tensor(features, [5, features.Length / 5]);
            using var actual = copy.forward(input);
            // Same weights; the last bits may differ because the start model scores under inference mode.
            Assert.All(expected.Zip(actual.data<float>().ToArray()), p => Assert.Equal(p.First, p.Second, 1e-5));
        }

        var tuned = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { StartFrom = start.Model, Epochs = 1, Seed = 3 }))
            .Fit(data).LastTransformer;
        Assert.False(Same(Weights(start.Model)["layers.conv1.weight"], Weights(tuned.Model)["layers.conv1.weight"]));
        Assert.False(tuned.Model.Network.TrunkFrozen);
    }

    [Fact]
    public void Sequences_fine_tune_the_same_way()
    {
        var ml = new MLContext(seed: 1);
        var encode = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50);
        var data = encode.Fit(Cnn.MLNet.Tests.Shared.MotifData.Load(ml, 200, seed: 41)).Transform(Cnn.MLNet.Tests.Shared.MotifData.Load(ml, 200, seed: 41));
        var start = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 2, Seed = 1 }).Fit(data);
        var tuned = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { StartFrom = start.Model, FreezeTrunk = true, Epochs = 2, Seed = 2 }).Fit(data);
        Assert.True(Same(Weights(start.Model)["layers.conv1.weight"], Weights(tuned.Model)["layers.conv1.weight"]));
        Assert.False(Same(Weights(start.Model)["layers.output.weight"], Weights(tuned.Model)["layers.output.weight"]));
        Assert.Equal(start.Model.Input.Encoding, tuned.Model.Input.Encoding);
    }

    [Fact]
    public void Settings_that_cannot_fine_tune_are_clear_errors()
    {
        var ml = new MLContext(seed: 1);
        var start = TrainThreeClasses(ml, ImageData.Rgb(ml, 12, seed: 51));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label");

        var small = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new SmallRow { Label = "abc"[i % 3].ToString(), Features = new float[3 * 8 * 8] }).ToList());
        var shape = Assert.Throws<ArgumentException>(() => keyed.Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { StartFrom = start.Model })).Fit(small));
        Assert.Contains("StartFrom was trained on inputs of 3 × 16 × 16 (channels × height × width) but the feature column holds 3 × 8 × 8", shape.Message);

        var data = ImageData.Rgb(ml, 12, seed: 52);
        var network = Assert.Throws<ArgumentException>(() => keyed.Append(ml.MulticlassClassification.Trainers.Cnn(
            new CnnMulticlassTrainer.Options { StartFrom = start.Model, Network = NetworkPresets.LeNet5() })).Fit(data));
        Assert.Contains("Network is set to 'LeNet5' but StartFrom is a 'small' model", network.Message);

        Assert.Contains("FreezeTrunk needs StartFrom", Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { FreezeTrunk = true })).Message);

        var binary = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new Horizontal { Label = i % 2 == 0, Features = new float[3 * 16 * 16] }).ToList());
        var output = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(
            new CnnBinaryTrainer.Options { StartFrom = start.Model, ResetOutputLayer = false }).Fit(binary));
        Assert.Contains("ResetOutputLayer is false but StartFrom has 3 outputs and this task needs 1", output.Message);
    }

    private sealed class SmallRow
    {
        public string Label { get; set; } = "";
        [VectorType(3, 8, 8)] public float[] Features { get; set; } = [];
    }
}
