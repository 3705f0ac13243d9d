namespace Cnn.MLNet.Trainers.Tests.Networks;

public class NetworkShapesTests
{
    [Fact]
    public void Zou2019_on_50bp_DNA_has_the_primers_shapes()
    {
        var shapes = NetworkShapes.Infer(NetworkPresets.Zou2019(), channels: 4, length: 50, outputs: 1);

        Assert.Equal(new[] { "conv1", "pool1", "dense1", "output" }, shapes.Select(s => s.Name));
        Assert.Equal((32, (int?)39), (shapes[0].Channels, shapes[0].Length));   // 50 − 12 + 1
        Assert.Equal((32, (int?)9), (shapes[1].Channels, shapes[1].Length));    // ⌊39 / 4⌋
        Assert.Equal((16, (int?)null), (shapes[2].Channels, shapes[2].Length));
        Assert.Equal("Linear 288→16", shapes[2].Description);
        Assert.Equal(1, shapes[3].Channels);
    }

    [Fact]
    public void Basset_needs_168_bases_and_says_which_layer_fails_below()
    {
        var ok = NetworkShapes.Infer(NetworkPresets.Basset(), 4, 168, 1);
        Assert.Equal((200, (int?)1), (ok.Single(s => s.Name == "pool3").Channels, ok.Single(s => s.Name == "pool3").Length));
        Assert.Equal(10, NetworkShapes.Infer(NetworkPresets.Basset(), 4, 600, 1).Single(s => s.Name == "pool3").Length);

        var error = Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(NetworkPresets.Basset(), 4, 167, 1));
        Assert.Equal("Network 'Basset', layer pool3: window 4 is longer than its input of 3 positions.", error.Message);
    }

    [Fact]
    public void A_filter_longer_than_the_sequence_names_the_layer_and_sizes()
    {
        NetworkShapes.Infer(NetworkPresets.DeepBind(), 4, 24, 1);
        var error = Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(NetworkPresets.DeepBind(), 4, 23, 1));
        Assert.Equal("Network 'DeepBind', layer conv1: (kernel 24, dilation 1) spans 24 positions but its input has only 23.", error.Message);

        var dilated = new NetworkSpec { Trunk = [new ConvBlockSpec { KernelSize = 3, Dilation = 10 }] };
        Assert.Contains("spans 21 positions but its input has only 20", Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(dilated, 4, 20, 1)).Message);
    }

    [Fact]
    public void DilatedResNet_keeps_every_position_until_the_global_pool()
    {
        var shapes = NetworkShapes.Infer(NetworkPresets.DilatedResNet(), 4, 7, 3);

        Assert.All(shapes.Where(s => s.Name.StartsWith("res") || s.Name == "conv1"), s => Assert.Equal(7, s.Length));
        Assert.Equal((64, (int?)null), (shapes.Single(s => s.Name == "globalpool6").Channels, shapes.Single(s => s.Name == "globalpool6").Length));
        Assert.Equal(3, shapes[^1].Channels);
    }

    [Theory]
    [InlineData("dropout", "layer conv1: Dropout must be in [0, 1) (was 1)")]
    [InlineData("same-stride", "layer conv1: same padding needs stride 1 (was 2)")]
    [InlineData("no-conv", "the trunk must contain at least one convolution block")]
    [InlineData("conv-after-global", "layer conv3: comes after a global pool")]
    [InlineData("zero-units", "layer dense1: Units must be at least 1 (was 0)")]
    [InlineData("zero-filters", "layer conv1: Filters must be at least 1 (was 0)")]
    public void Bad_specs_are_rejected_naming_the_layer(string which, string expected)
    {
        NetworkSpec spec = which switch
        {
            "dropout" => new() { Trunk = [new ConvBlockSpec { Dropout = 1 }] },
            "same-stride" => new() { Trunk = [new ConvBlockSpec { Padding = ConvPadding.Same, Stride = 2 }] },
            "no-conv" => new() { Trunk = [new GlobalPoolSpec()] },
            "conv-after-global" => new() { Trunk = [new ConvBlockSpec { KernelSize = 3 }, new GlobalPoolSpec(), new ConvBlockSpec()] },
            "zero-units" => new() { Trunk = [new ConvBlockSpec { KernelSize = 3 }], Head = [new DenseLayerSpec { Units = 0 }] },
            _ => new() { Trunk = [new ConvBlockSpec { Filters = 0 }] },
        };

        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(spec, 4, 50, 1)).Message);
    }

    [Fact]
    public void Every_preset_round_trips_through_json()
    {
        foreach (var (name, make) in NetworkPresets.ByName)
        {
            var spec = make();
            var back = NetworkSpec.FromJson(spec.ToJson());
            Assert.True(spec.SameAs(back), name);
            Assert.Equal(name, back.Name);
        }
        Assert.Contains("\"type\":\"residual\"", NetworkPresets.DilatedResNet().ToJson());
    }

    [Fact]
    public void Json_of_another_version_or_with_unknown_fields_is_refused()
    {
        string json = NetworkPresets.Zou2019().ToJson();
        Assert.Contains("version 2 is not supported", Assert.Throws<FormatException>(() => NetworkSpec.FromJson(json.Replace("\"formatVersion\":1", "\"formatVersion\":2"))).Message);
        Assert.Throws<FormatException>(() => NetworkSpec.FromJson(json.Replace("\"filters\":32", "\"filterz\":32")));
        Assert.Throws<FormatException>(() => NetworkSpec.FromJson("{\"formatVersion\":1}"));
        Assert.Throws<FormatException>(() => NetworkSpec.FromJson("not json"));
    }
}
