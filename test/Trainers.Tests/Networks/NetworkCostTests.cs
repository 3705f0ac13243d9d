namespace Cnn.MLNet.Trainers.Tests.Networks;

[Collection(TorchGlobalState.Name)]
public class NetworkCostTests
{
    [Fact]
    public void Zou2019_on_50bp_DNA_matches_the_benchmarks_hand_count()
    {
        var shapes = NetworkShapes.Infer(NetworkPresets.Zou2019(), channels: 4, length: 50, outputs: 1);

        // bench/FlopsBenchmarks.cs: conv 4→32, kernel 12, valid: 50 − 12 + 1 = 39 positions,
        // 39·32·4·12 = 59,904 multiply-adds; max pool 4 → 9 positions, 0; dense 288 (32·9) → 16:
        // 4,608; output 16 → 1: 16. Sum 64,528; FLOPs 2 × 64,528 = 129,056.
        Assert.Equal(new long[] { 59_904, 0, 4_608, 16 }, shapes.Select(s => s.MultiplyAdds));
        Assert.Equal(129_056, NetworkCost.ForwardFlops(shapes));
        Assert.Equal(3 * 129_056, NetworkCost.TrainingStepFlops(shapes));
    }

    [Fact]
    public void LeNet5_on_32x32_RGB_is_counted_per_layer()
    {
        var shapes = NetworkShapes.Infer(NetworkPresets.LeNet5(), channels: 3, height: 32, width: 32, outputs: 10);

        // conv1 3→6, 5×5 valid: 28 × 28 = 784 positions · 6 · 3 · 25 = 352,800
        // pool1 2 → 14 × 14: 0
        // conv2 6→16, 5×5 valid: 10 × 10 = 100 positions · 16 · 6 · 25 = 240,000
        // pool2 2 → 5 × 5: 0
        // dense1 16·5·5 = 400 → 120: 48,000; dense2 120 → 84: 10,080; output 84 → 10: 840
        // Sum 651,720 multiply-adds; FLOPs 2 × 651,720 = 1,303,440.
        Assert.Equal(new[] { "conv1", "pool1", "conv2", "pool2", "dense1", "dense2", "output" }, shapes.Select(s => s.Name));
        Assert.Equal(new long[] { 352_800, 0, 240_000, 0, 48_000, 10_080, 840 }, shapes.Select(s => s.MultiplyAdds));
        Assert.Equal(1_303_440, NetworkCost.ForwardFlops(shapes));
        Assert.Equal(3 * 1_303_440, NetworkCost.TrainingStepFlops(shapes));
    }

    [Fact]
    public void A_strided_residual_block_counts_both_convolutions_and_the_projection()
    {
        var spec = new NetworkSpec { Trunk = [new ResidualBlockSpec { Filters = 16, KernelSize = 3, Stride = 2 }, new GlobalPoolSpec()] };
        var shapes = NetworkShapes.Infer(spec, channels: 4, length: 10, outputs: 2);

        // res1 on 4 × 10, stride 2 → ⌈10 / 2⌉ = 5 positions for every convolution of the block:
        // conv_a 4→16, kernel 3: 5·16·4·3 = 960; conv_b 16→16, kernel 3: 5·16·16·3 = 3,840;
        // projection 4→16, 1×1 stride 2 (channels and stride change): 5·16·4 = 320. Sum 5,120.
        // globalpool2: 0; output 16 → 2: 32. FLOPs 2 × 5,152 = 10,304.
        Assert.Equal(new long[] { 5_120, 0, 32 }, shapes.Select(s => s.MultiplyAdds));
        Assert.Equal(10_304, NetworkCost.ForwardFlops(shapes));
    }

    [Fact]
    public void A_2d_residual_block_has_a_projection_only_when_channels_or_stride_change()
    {
        var spec = new NetworkSpec
        {
            Trunk =
            [
                new ResidualBlockSpec { Filters = 8, KernelSize = 3 },
                new ResidualBlockSpec { Filters = 8, KernelSize = 3 },
                new GlobalPoolSpec { Kind = Pooling.Average },
            ],
        };
        var shapes = NetworkShapes.Infer(spec, channels: 3, height: 8, width: 8, outputs: 1);

        // res1 3→8 on 8 × 8 = 64 positions, 3×3 kernels: conv_a 64·8·3·9 = 13,824; conv_b 64·8·8·9
        // = 36,864; projection 64·8·3 = 1,536 (3 ≠ 8 channels): 52,224.
        // res2 8→8, stride 1: identity shortcut, 2 × 36,864 = 73,728. Output 8 → 1: 8.
        Assert.Equal(new long[] { 52_224, 73_728, 0, 8 }, shapes.Select(s => s.MultiplyAdds));
        Assert.Equal(2.0 * (52_224 + 73_728 + 8), NetworkCost.ForwardFlops(shapes));
    }

    [Fact]
    public void A_strand_shared_first_convolution_counts_both_strands()
    {
        var plain = new NetworkSpec { Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 12, Pool = Pooling.Max, PoolSize = 4 }] };
        var shared = plain with { Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 12, Pool = Pooling.Max, PoolSize = 4, StrandShared = true }] };
        var plainShapes = NetworkShapes.Infer(plain, 4, 50, 1);
        var sharedShapes = NetworkShapes.Infer(shared, 4, 50, 1);

        // 39 positions · 2·8 channels · 4 · 12 = 29,952: twice the plain convolution's 14,976.
        Assert.Equal(16, sharedShapes[0].Channels);
        Assert.Equal(29_952, sharedShapes[0].MultiplyAdds);
        Assert.Equal(2 * plainShapes[0].MultiplyAdds, sharedShapes[0].MultiplyAdds);
        // The output layer reads 16·9 = 144 features after the shared convolution (72 after the plain one).
        Assert.Equal(144, sharedShapes.Single(s => s.Name == "output").MultiplyAdds);
        Assert.Equal(2 * (29_952 + 144), NetworkCost.ForwardFlops(sharedShapes));
    }

    [Fact]
    public void Every_presets_count_matches_its_built_weights_times_output_positions()
    {
        TorchRuntime.EnsureInitialized();
        foreach (var (name, make) in NetworkPresets.ByName)
        {
            // Basset's 19-wide kernels and TwoBlock's 11-wide kernel with a pool of 4 need sequences; they have no image form at 32 × 32.
            foreach (bool image in name is "Basset" or "TwoBlock" ? new[] { false } : new[] { false, true })
            {
                int length = name switch { "Basset" => 200, "TwoBlock" => 40, _ => 32 };
                using var network = image ? new CnnNetwork(make(), 3, 32, 32, 5) : new CnnNetwork(make(), 4, length, 5);
                // Every multiply-add is one weight (2-D or more: convolutions and linear layers, not
                // biases or batch norm) applied at one output position of its layer; every
                // convolution inside a residual block produces the block's output positions.
                var weights = network.named_parameters()
                    .Where(p => p.parameter.dim() >= 2)
                    .GroupBy(p => p.name.Split('.')[1])
                    .ToDictionary(g => g.Key, g => g.Sum(p => p.parameter.numel()));
                foreach (var shape in network.Shapes)
                    Assert.True(weights.GetValueOrDefault(shape.Name) * shape.Positions == shape.MultiplyAdds,
                        $"{name} ({(image ? "image" : "sequence")}), {shape}: {shape.MultiplyAdds} multiply-adds, {weights.GetValueOrDefault(shape.Name)} weights × {shape.Positions} positions");
            }
        }
    }
}
