using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>The same specs build 2-D networks for images: shapes, layer names, forward passes, errors.</summary>
[Collection(TorchGlobalState.Name)]
public class ImageNetworkTests
{
    public ImageNetworkTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void LeNet5_on_28_by_28_has_the_textbook_shapes()
    {
        var shapes = NetworkShapes.Infer(NetworkPresets.LeNet5(), channels: 1, height: 28, width: 28, outputs: 10);
        Assert.Equal(
            ["conv1 (Conv2d 1→6, kernel 5, stride 1, dilation 1, valid): 6 × 24 × 24", "pool1 (max pool 2): 6 × 12 × 12",
             "conv2 (Conv2d 6→16, kernel 5, stride 1, dilation 1, valid): 16 × 8 × 8", "pool2 (max pool 2): 16 × 4 × 4",
             "dense1 (Linear 256→120): 120", "dense2 (Linear 120→84): 84", "output (Linear 84→10): 10"],
            shapes.Select(s => s.ToString()));
        Assert.Equal(16 * 4 * 4, shapes.Single(s => s.Name == "pool2").Size);
        Assert.Equal(16, shapes.Single(s => s.Name == "pool2").Positions);
    }

    [Fact]
    public void Geron_SmallVgg_and_SmallResNet_shapes()
    {
        var geron = NetworkShapes.Infer(NetworkPresets.Geron(), 1, 28, 28, 10);
        Assert.Equal((256, 3, 3), Last(geron, "pool5"));
        Assert.Equal("dense1 (Linear 2304→128): 128", geron.Single(s => s.Name == "dense1").ToString());

        var vgg = NetworkShapes.Infer(NetworkPresets.SmallVgg(), 3, 32, 32, 5);
        Assert.Equal((128, 4, 4), Last(vgg, "pool6"));

        var resnet = NetworkShapes.Infer(NetworkPresets.SmallResNet(), 3, 32, 32, 5);
        Assert.Equal((16, 32, 32), Last(resnet, "res3"));
        Assert.Equal((32, 16, 16), Last(resnet, "res4"));
        Assert.Equal((64, 8, 8), Last(resnet, "res7"));
        Assert.Null(resnet.Single(s => s.Name == "globalpool8").Length);
        Assert.Equal("output (Linear 64→5): 5", resnet[^1].ToString());
        // Odd sizes round up in strided blocks, as ResNet's same-padded downsampling does.
        Assert.Equal((64, 4, 3), Last(NetworkShapes.Infer(NetworkPresets.SmallResNet(), 1, 15, 9, 2), "res7"));
    }

    private static (int, int?, int?) Last(IReadOnlyList<LayerShape> shapes, string name)
    {
        var s = shapes.Single(x => x.Name == name);
        return (s.Channels, s.Height, s.Length);
    }

    [Fact]
    public void Every_preset_builds_and_every_trunk_layer_returns_its_declared_shape()
    {
        foreach (string name in new[] { "LeNet5", "Geron", "SmallVgg", "SmallResNet" })
        {
            random.manual_seed(1);
            using var network = new CnnNetwork(NetworkPresets.ByName[name](), 3, 28, 24, 4);
            network.eval();
            Assert.Equal(3 * 28 * 24, network.InputSize);
            Assert.Equal(28, network.InputHeight);
            using var input = rand(2, 3 * 28 * 24);
            using (var output = network.forward(input)) Assert.Equal([2L, 4L], output.shape);
            foreach (var shape in network.Shapes)
            {
                using var map = network.ForwardTo(shape.Name, input);
                if (shape.Height is int h)
                    Assert.True(new long[] { 2, shape.Channels, h, shape.Length!.Value }.SequenceEqual(map.shape), $"{name} {shape}: got [{string.Join(", ", map.shape)}]");
                else // flat layers (a global pool keeps 1 × 1 axes until the head flattens them)
                    Assert.Equal(2L * shape.Channels, map.numel());
            }
        }
    }

    [Fact]
    public void Images_too_small_for_a_network_are_errors_that_name_the_layer_and_sizes()
    {
        var conv = Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(NetworkPresets.LeNet5(), 1, 4, 30, 3));
        Assert.Equal("Network 'LeNet5', layer conv1: (kernel 5, dilation 1) spans 5 × 5 pixels but its input has only 4 × 30.", conv.Message);
        var pool = Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(NetworkPresets.LeNet5(), 1, 14, 14, 3));
        Assert.Equal("Network 'LeNet5', layer pool2: window 2 × 2 is larger than its input of 1 × 1.", pool.Message);
        var stride = new NetworkSpec { Trunk = [new ResidualBlockSpec { KernelSize = 4, Stride = 2 }] };
        Assert.Contains("a stride above 1 needs an odd KernelSize", Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(stride, 3, 8, 8, 1)).Message);
    }

    [Fact]
    public void A_sequence_spec_and_an_image_spec_differ_only_in_the_input()
    {
        using var sequence = new CnnNetwork(NetworkPresets.SmallResNet(), 4, 40, 1);
        using var image = new CnnNetwork(NetworkPresets.SmallResNet(), 4, 8, 5, 1);
        Assert.Null(sequence.InputHeight);
        Assert.Equal(sequence.LayerNames, image.LayerNames);
        Assert.Equal(sequence.state_dict().Keys.Order(), image.state_dict().Keys.Order());
        Assert.Contains("Conv1d", sequence.Shapes[0].Description);
        Assert.Contains("Conv2d", image.Shapes[0].Description);
        Assert.Contains(image.modules(), m => m is TorchSharp.Modules.Conv2d);
        Assert.DoesNotContain(image.modules(), m => m is TorchSharp.Modules.Conv1d);
    }
}
