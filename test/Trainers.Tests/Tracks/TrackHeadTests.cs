using TorchSharp;

namespace Cnn.MLNet.Trainers.Tests.Tracks;

/// <summary>The track head's shapes, checks and serialisation, and the profile task's loss and strand layout.</summary>
[Collection(TorchGlobalState.Name)]
public class TrackHeadTests
{
    [Fact]
    public void BPNet_head_outputs_the_profile_then_one_count_per_track()
    {
        var spec = NetworkPresets.BPNet(outputLength: 40, layers: 2, filters: 8);
        using var network = new CnnNetwork(spec, 4, 60, 2 * 41);
        Assert.Equal("output", network.Shapes[^1].Name);
        Assert.Equal(82, network.Shapes[^1].Channels);
        network.eval();
        using var x = torch.rand(3, 4 * 60);
        using var y = network.forward(x);
        Assert.Equal(new long[] { 3, 82 }, y.shape);
    }

    [Fact]
    public void Impossible_track_heads_are_refused_naming_the_problem()
    {
        var spec = NetworkPresets.BPNet(outputLength: 40, layers: 1, filters: 4);
        Assert.Contains("whole number of tracks", Assert.Throws<ArgumentException>(() => new CnnNetwork(spec, 4, 60, 83)).Message);
        Assert.Contains("between 1 and the trunk's output length 30", Assert.Throws<ArgumentException>(() => new CnnNetwork(spec, 4, 30, 41)).Message);
        Assert.Contains("difference must be even", Assert.Throws<ArgumentException>(() => new CnnNetwork(spec, 4, 61, 41)).Message);
        var pooled = spec with { Trunk = [.. spec.Trunk, new GlobalPoolSpec()] };
        Assert.Contains("keeps its positions", Assert.Throws<ArgumentException>(() => new CnnNetwork(pooled, 4, 60, 41)).Message);
        var strided = spec with { Trunk = [new ConvBlockSpec { Filters = 4, KernelSize = 3, Padding = ConvPadding.Same, Pool = Pooling.Max, PoolSize = 2 }] };
        Assert.Contains("base resolution", Assert.Throws<ArgumentException>(() => new CnnNetwork(strided, 4, 120, 41)).Message);
        var binned = spec with { TrackHead = spec.TrackHead! with { Kind = TrackHeadKind.Binned, BinSize = 7 } };
        Assert.Contains("BinSize must", Assert.Throws<ArgumentException>(() => new CnnNetwork(binned, 4, 60, 4)).Message);
    }

    [Fact]
    public void Spec_json_round_trips_and_other_networks_are_written_as_before()
    {
        var spec = NetworkPresets.BPNet(outputLength: 100, layers: 3);
        Assert.True(NetworkSpec.FromJson(spec.ToJson()).SameAs(spec));
        Assert.DoesNotContain("trackHead", NetworkPresets.Zou2019().ToJson());
    }

    [Fact]
    public void Profile_loss_is_the_multinomial_nll_plus_the_weighted_log_count_error()
    {
        var task = new ProfileTask(new TrackLayout(2, 3, Stranded: true), countWeight: 2.5f);
        float[] raw = [0.1f, -0.4f, 1.2f, 0.3f, 0.3f, -1f, 2f, 0.5f];
        float[] counts = [1, 0, 3, 2, 2, 0];
        double expected = 0;
        for (int t = 0; t < 2; t++)
        {
            var logits = raw.Skip(3 * t).Take(3).Select(v => (double)v).ToArray();
            double logSum = Math.Log(logits.Sum(Math.Exp));
            for (int p = 0; p < 3; p++) expected -= counts[3 * t + p] * (logits[p] - logSum);
        }
        expected /= 2; // mean over rows × tracks
        double e0 = raw[6] - Math.Log(1 + 4), e1 = raw[7] - Math.Log(1 + 4);
        expected += 2.5 * (e0 * e0 + e1 * e1) / 2;
        using var outputs = torch.tensor(raw, [1, 8]);
        using var labels = torch.tensor(counts, [1, 6]);
        using var loss = task.Loss(outputs, labels);
        Assert.Equal(expected, loss.item<float>(), 4);
    }

    [Fact]
    public void Reverse_strand_order_reverses_positions_and_swaps_stranded_pairs()
    {
        Assert.Equal([5, 4, 3, 2, 1, 0, 7, 6], new TrackLayout(2, 3, Stranded: true).ReverseStrandOrder(1));
        Assert.Equal([2, 1, 0, 5, 4, 3, 6, 7], new TrackLayout(2, 3, Stranded: false).ReverseStrandOrder(1));
        var task = new ProfileTask(new TrackLayout(2, 3, Stranded: true), 1);
        float[] label = [1, 2, 3, 4, 5, 6];
        task.ReverseComplementLabel(label, new float[6]);
        Assert.Equal([6, 5, 4, 3, 2, 1], label);
        task.ShiftLabel(label, 1, new float[6]);
        Assert.Equal([0, 6, 5, 0, 3, 2], label);
        Assert.Contains("pairs", Assert.Throws<ArgumentException>(() => new ProfileTask(new TrackLayout(3, 4, Stranded: true), 1)).Message);
    }
}
