using Microsoft.ML;
using TorchSharp;
using static Cnn.MLNet.Trainers.Tests.Networks.ConvolutionFloat64;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Networks;

/// <summary>
/// Whole networks as the trainers build them, in float32 against the same network in float64: the
/// forward pass in evaluation mode (scoring) and the gradient with respect to the input (saliency,
/// and what every layer but the first back-propagates in training). Covers the presets' layer
/// kinds: wide convolutions (Basset's 300 → 200), batch norm, residual blocks with dilation and
/// stride, strand-shared convolutions, 2-D stacks.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class NetworkFloat64Tests
{
    public NetworkFloat64Tests() => TorchRuntime.EnsureInitialized();

    public static TheoryData<string, int, int?, int> Networks() => new()
    {
        { "Zou2019", 4, null, 50 },
        { "Basset", 4, null, 600 },
        { "DilatedResNet", 4, null, 200 },
        { "DeepBindStrandShared", 4, null, 60 },
        { "SmallVgg", 3, 32, 32 },
        { "SmallResNet", 3, 16, 16 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Float32_matches_float64_forward_and_input_gradient(string preset, int channels, int? height, int length)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(17);
        var spec = preset == "DeepBindStrandShared"
            ? NetworkPresets.DeepBind() with { Trunk = [new ConvBlockSpec { Filters = 16, KernelSize = 11, StrandShared = true }, new GlobalPoolSpec { Kind = Pooling.Max }] }
            : NetworkPresets.ByName[preset]();
        var strands = preset == "DeepBindStrandShared" ? DnaStrands(length) : null;
        using var network = new CnnNetwork(spec, channels, height, length, 3, strands);
        Train(network, channels * (height ?? 1) * length);
        network.eval();

        var x = rand(3, channels * (height ?? 1) * length);
        var (y32, g32) = ForwardAndGradient(network, x);
        network.to(ScalarType.Float64);
        var (y64, g64) = ForwardAndGradient(network, x.to(ScalarType.Float64));

        Assert.True(RelativeDifference(y32, y64) < 1e-4, $"{preset} forward: {RelativeDifference(y32, y64)}");
        Assert.True(RelativeDifference(g32, g64) < 1e-3, $"{preset} input gradient: {RelativeDifference(g32, g64)}");
    }

    private static Cnn.MLNet.Trainers.StrandComplement DnaStrands(int length)
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable([new MotifData.Row { Sequence = "ACGT" }]);
        var encoded = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: length).Fit(data).Transform(data);
        return Cnn.MLNet.Trainers.StrandComplement.For(Cnn.MLNet.Trainers.InputShape.FromColumn(encoded.Schema["Features"], null))!;
    }

    // A few steps of training so batch norms hold running statistics that are not the initial 0 and 1.
    private static void Train(CnnNetwork network, int size)
    {
        network.train();
        using var scope = NewDisposeScope();
        for (int step = 0; step < 3; step++)
        {
            using var noGrad = no_grad();
            network.forward(rand(8, size));
        }
    }

    private static (Tensor Output, Tensor InputGradient) ForwardAndGradient(CnnNetwork network, Tensor x)
    {
        var input = x.detach().clone().requires_grad_(true);
        var output = network.forward(input);
        output.sum().backward();
        return (output.detach(), input.grad!.detach());
    }
}
