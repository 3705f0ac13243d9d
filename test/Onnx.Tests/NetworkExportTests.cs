using Cnn.MLNet.Onnx.Proto;
using Cnn.MLNet.Onnx.Tests.Support;
using Cnn.MLNet.Trainers;
using Xunit.Abstractions;

namespace Cnn.MLNet.Onnx.Tests;

/// <summary>
/// The network and the task's scoring outputs exported to ONNX: every preset and task kind, a
/// strand-shared network, reverse-complement averaging and the remaining layer options, each run
/// in ONNX Runtime and compared with our own scoring of the same held-out rows.
/// </summary>
public class NetworkExportTests(ITestOutputHelper output)
{
    public static TheoryData<string> Presets => new(NetworkPresets.ByName.Keys.Order(StringComparer.Ordinal));

    private void Report(string what, NetworkParity.Errors errors)
    {
        output.WriteLine($"{what}: vs our scoring " + string.Join(", ", errors.Scoring.Select(e => $"{e.Key} max |Δ| = {e.Value:E2}"))
            + "; vs float64 " + string.Join(", ", errors.Float64.Select(e => $"{e.Key} max |Δ| = {e.Value:E2}")));
        foreach (var (column, error) in errors.Float64)
            Assert.True(error <= NetworkParity.Tolerance, $"{what}: {column} differs from the float64 reference by up to {error:E3} (tolerance {NetworkParity.Tolerance:E0}).");
        foreach (var (column, error) in errors.Scoring)
            Assert.True(error <= NetworkParity.Tolerance, $"{what}: {column} differs from our scoring by up to {error:E3} (tolerance {NetworkParity.Tolerance:E0}).");
    }

    private static NetworkModels.Scored Train(string preset, TestTask task, int seed)
    {
        var spec = NetworkPresets.ByName[preset]();
        return NetworkModels.ImageKind(preset) is { } kind
            ? NetworkModels.TrainImages(spec, task, seed, kind)
            : NetworkModels.TrainSequence(spec, task, seed);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Every_preset_exports_a_binary_model_with_parity(string preset)
    {
        using var scored = new Disposing(Train(preset, TestTask.Binary, seed: 11));
        Report($"{preset} binary", NetworkParity.Check(scored.Value));
    }

    [Theory]
    [InlineData("Zou2019")]
    [InlineData("LeNet5")]
    public void Multiclass_models_export_softmax_scores_and_class_indexes_with_parity(string preset)
    {
        using var scored = new Disposing(Train(preset, TestTask.Multiclass, seed: 12));
        Assert.Equal(4, scored.Value.Model.Outputs);
        Report($"{preset} multiclass", NetworkParity.Check(scored.Value));
    }

    [Theory]
    [InlineData("DeepBind")]
    [InlineData("SmallResNet")]
    public void Regression_models_export_with_parity(string preset)
    {
        using var scored = new Disposing(Train(preset, TestTask.Regression, seed: 13));
        Report($"{preset} regression", NetworkParity.Check(scored.Value));
    }

    [Theory]
    [InlineData("DilatedResNet")]
    [InlineData("Geron")]
    public void Multi_task_models_with_binary_and_regression_targets_export_with_parity(string preset)
    {
        using var scored = new Disposing(Train(preset, TestTask.MultiTask, seed: 14));
        Report($"{preset} multi-task", NetworkParity.Check(scored.Value));
    }

    [Fact]
    public void A_strand_shared_network_with_every_activation_and_both_pooling_kinds_exports_with_parity()
    {
        var spec = new NetworkSpec
        {
            Name = "StrandSharedMix",
            Trunk =
            [
                new ConvBlockSpec { Filters = 6, KernelSize = 9, Padding = ConvPadding.Same, StrandShared = true, BatchNorm = true, Activation = Activation.Gelu, Pool = Pooling.Average, PoolSize = 3 },
                // Even kernel with same padding: the odd extra column goes after.
                new ConvBlockSpec { Filters = 8, KernelSize = 4, Padding = ConvPadding.Same, Activation = Activation.Elu, Pool = Pooling.Max, PoolSize = 2, Dropout = 0.1 },
                new ConvBlockSpec { Filters = 8, KernelSize = 3, Dilation = 2, Stride = 2, Activation = Activation.None },
                new ResidualBlockSpec { Filters = 12, KernelSize = 3, Dilation = 2, Activation = Activation.Tanh, Dropout = 0.1 },
                new ResidualBlockSpec { Filters = 12, KernelSize = 5, Stride = 2, Activation = Activation.Sigmoid },
                new GlobalPoolSpec { Kind = Pooling.Max },
            ],
            Head = [new DenseLayerSpec { Units = 10, BatchNorm = true, Activation = Activation.Sigmoid, Dropout = 0.2 }, new DenseLayerSpec { Units = 6, Activation = Activation.Gelu }],
        };
        using var scored = new Disposing(NetworkModels.TrainSequence(spec, TestTask.Binary, seed: 15));
        Report("strand-shared mix binary", NetworkParity.Check(scored.Value));
    }

    [Fact]
    public void An_image_network_with_even_kernels_dilation_strides_and_every_activation_exports_with_parity()
    {
        var spec = new NetworkSpec
        {
            Name = "ImageMix",
            Trunk =
            [
                new ConvBlockSpec { Filters = 4, KernelSize = 4, Padding = ConvPadding.Same, BatchNorm = true, Activation = Activation.Gelu, Pool = Pooling.Average, PoolSize = 2 },
                new ConvBlockSpec { Filters = 6, KernelSize = 3, Dilation = 2, Stride = 2, Activation = Activation.Elu },
                new ResidualBlockSpec { Filters = 8, KernelSize = 3, Stride = 2, Activation = Activation.Sigmoid },
                new ResidualBlockSpec { Filters = 8, KernelSize = 2, Activation = Activation.Tanh, BatchNorm = false },
                new GlobalPoolSpec { Kind = Pooling.Max },
            ],
            Head = [new DenseLayerSpec { Units = 8, BatchNorm = true, Activation = Activation.None }],
        };
        using var scored = new Disposing(NetworkModels.TrainImages(spec, TestTask.Multiclass, seed: 16, "rgb"));
        Report("image mix multiclass", NetworkParity.Check(scored.Value));
    }

    [Fact]
    public void A_model_that_averages_reverse_complements_exports_the_average_with_parity()
    {
        var spec = NetworkPresets.Zou2019() with
        {
            Trunk = [new ConvBlockSpec { Filters = 16, KernelSize = 12, StrandShared = true, BatchNorm = true, Pool = Pooling.Max, PoolSize = 4 }],
        };
        using var scored = new Disposing(NetworkModels.TrainSequence(spec, TestTask.Regression, seed: 17, averageReverseComplement: true));
        Assert.True(scored.Value.Model.AverageReverseComplement);
        Report("reverse-complement average regression", NetworkParity.Check(scored.Value));

        using var plain = new Disposing(NetworkModels.TrainSequence(NetworkPresets.Zou2019(), TestTask.MultiTask, seed: 18, averageReverseComplement: true));
        Report("Zou2019 reverse-complement average multi-task", NetworkParity.Check(plain.Value));
    }

    [Fact]
    public void A_dinucleotide_model_with_a_strand_shared_convolution_and_strand_averaging_exports_with_parity()
    {
        // Order 2: 16 k-mer channels, whose reverse complement is the k-mer permutation (AC ↔ GT) with positions reversed.
        var spec = NetworkPresets.Zou2019() with
        {
            Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 11, StrandShared = true, Pool = Pooling.Max, PoolSize = 4 }],
        };
        using var scored = new Disposing(NetworkModels.TrainSequence(spec, TestTask.Binary, seed: 19, averageReverseComplement: true, rows: 64, order: 2));
        Assert.Equal(2, scored.Value.Model.Input.Encoding!.Order);
        Assert.Equal(16, scored.Value.Model.Input.Channels);
        Assert.Equal(NetworkModels.SequenceLength - 1, scored.Value.Model.Input.Length);
        Report("dinucleotide strand-shared, reverse-complement average binary", NetworkParity.Check(scored.Value));
    }

    [Fact]
    public void The_exported_model_declares_IR_8_opset_17_the_producer_and_fully_shaped_typed_outputs()
    {
        using var scored = new Disposing(NetworkModels.TrainSequence(NetworkPresets.Zou2019(), TestTask.Binary, seed: 19, rows: 64));
        var proto = ModelProto.Parser.ParseFrom(CnnOnnx.ToBytes(scored.Value.Model));
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(OnnxVersions.IrVersion, proto.IrVersion);
        var opset = Assert.Single(proto.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(17, opset.Version);
        Assert.Equal("Cnn.MLNet", proto.ProducerName);

        var input = Assert.Single(proto.Graph.Input);
        Assert.Equal("Features", input.Name);
        Assert.Equal(["N", "800"], input.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var outputs = proto.Graph.Output.ToDictionary(o => o.Name);
        Assert.Equal(["PredictedLabel", "Probability", "Score"], outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((int)TensorProto.Types.DataType.Float, outputs["Score"].Type.TensorType.ElemType);
        Assert.Equal((int)TensorProto.Types.DataType.Float, outputs["Probability"].Type.TensorType.ElemType);
        Assert.Equal((int)TensorProto.Types.DataType.Bool, outputs["PredictedLabel"].Type.TensorType.ElemType);
        foreach (var value in outputs.Values)
        {
            var dims = value.Type.TensorType.Shape.Dim;
            Assert.Equal(2, dims.Count);
            Assert.Equal("N", dims[0].DimParam);
            Assert.Equal(1, dims[1].DimValue);
        }
        // Weights are initializers, and the only graph input is the features.
        Assert.Contains(proto.Graph.Initializer, t => t.Name == "conv1.weight");
        Assert.Contains(proto.Graph.Node, n => n.OpType == "Conv");
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Dropout");
    }

    /// <summary>Disposes the model's native memory at the end of a test.</summary>
    private sealed class Disposing(NetworkModels.Scored value) : IDisposable
    {
        public NetworkModels.Scored Value { get; } = value;
        public void Dispose() => Value.Model.Dispose();
    }
}
