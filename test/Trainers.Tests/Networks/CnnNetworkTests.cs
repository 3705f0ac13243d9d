using TorchSharp;

namespace Cnn.MLNet.Trainers.Tests.Networks;

[Collection(TorchGlobalState.Name)]
public class CnnNetworkTests
{
    public CnnNetworkTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Zou2019_has_the_expected_parameter_count_and_output_shape()
    {
        using var network = new CnnNetwork(NetworkPresets.Zou2019(), 4, 50, 1);
        long parameters = network.parameters().Sum(p => p.numel());

        // conv 4·12·32 + 32, dense 288·16 + 16, output 16 + 1
        Assert.Equal(4 * 12 * 32 + 32 + 288 * 16 + 16 + 16 + 1, parameters);
        using var input = torch.rand(5, 4 * 50);
        using var output = network.forward(input);
        Assert.Equal(new long[] { 5, 1 }, output.shape);
    }

    [Fact]
    public void Every_preset_builds_and_runs_forward_and_backward()
    {
        foreach (var (name, make) in NetworkPresets.ByName)
        {
            int length = name == "Basset" ? 200 : 60;
            using var network = new CnnNetwork(make(), 4, length, 3);
            network.train();
            using var input = torch.rand(2, 4, length);
            using var output = network.forward(input);
            Assert.Equal(new long[] { 2, 3 }, output.shape);
            using var loss = output.sum();
            loss.backward();
            Assert.All(network.parameters(), p => Assert.NotNull(p.grad));
        }
    }

    [Fact]
    public void Layers_are_named_as_the_shapes_list_them()
    {
        using var network = new CnnNetwork(NetworkPresets.Basset(), 4, 600, 2);
        var names = network.named_modules().Select(m => m.name).ToHashSet();

        foreach (var shape in network.Shapes)
            Assert.Contains("layers." + shape.Name, names);
        Assert.Contains("layers.bn1", names);
        Assert.Contains("layers.dense2_drop", names);
    }

    [Fact]
    public void Residual_block_projects_when_channels_change_and_keeps_length()
    {
        var spec = new NetworkSpec
        {
            Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 4, Padding = ConvPadding.Same }, new ResidualBlockSpec { Filters = 12, Dilation = 3 }],
        };
        using var network = new CnnNetwork(spec, 5, 17, 1);
        Assert.Contains(network.named_modules(), m => m.name == "layers.res2.skip");
        Assert.Equal(17, network.Shapes.Single(s => s.Name == "res2").Length);
        Assert.Equal("Linear 204→1", network.Shapes[^1].Description); // 12 channels × 17 positions

        using var input = torch.rand(3, 5 * 17);
        using var output = network.forward(input);
        Assert.Equal(new long[] { 3, 1 }, output.shape);
    }

    [Fact]
    public void ForwardTo_returns_each_named_layers_output_and_the_last_equals_forward()
    {
        using var network = new CnnNetwork(NetworkPresets.Zou2019(), 4, 50, 1);
        network.eval();
        using var input = torch.rand(3, 4 * 50);

        using var conv = network.ForwardTo("conv1", input);
        using var pool = network.ForwardTo("pool1", input);
        using var last = network.ForwardTo("output", input);
        using var full = network.forward(input);

        Assert.Equal(new long[] { 3, 32, 39 }, conv.shape);
        Assert.Equal(new long[] { 3, 32, 9 }, pool.shape);
        Assert.Equal(full.data<float>().ToArray(), last.data<float>().ToArray());
        Assert.Equal(new[] { "conv1", "pool1", "dense1", "output" }, network.LayerNames);
        var error = Assert.Throws<ArgumentException>(() => network.ForwardTo("conv9", input));
        Assert.Contains("Valid layers: conv1, act1, pool1, dense1, dense1_act, output", error.Message);
    }

    [Fact]
    public void An_impossible_network_fails_at_construction_naming_the_layer()
    {
        var error = Assert.Throws<ArgumentException>(() => new CnnNetwork(NetworkPresets.Zou2019(), 4, 11, 1));
        Assert.Contains("layer conv1", error.Message);
    }
}
