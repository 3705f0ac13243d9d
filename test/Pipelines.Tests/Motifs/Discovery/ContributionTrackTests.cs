using Cnn.MLNet.Interpretation;

namespace Cnn.MLNet.Pipelines.Tests.Motifs.Discovery;

public sealed class ContributionTrackTests
{
    private static float[] Hyp(int length) => Enumerable.Range(0, 4 * length).Select(k => 0.1f * k).ToArray();

    [Fact]
    public void The_actual_contribution_is_the_hypothetical_value_of_the_present_base()
    {
        // ACGN: channel-major, value index = channel * 4 + position.
        var oneHot = new float[16];
        oneHot[0 * 4 + 0] = 1; // A at 0
        oneHot[1 * 4 + 1] = 1; // C at 1
        oneHot[2 * 4 + 2] = 1; // G at 2
        var track = new ContributionTrack(oneHot, Hyp(4), 4, "t");
        Assert.Equal([0f, 0.1f * 5, 0.1f * 10, 0f], track.ActualContributions());
        Assert.Equal(0.1f * 13, track.Hypothetical(3, 1));
        Assert.Equal(1f, track.OneHot(1, 1));
        Assert.Equal("t", track.Name);
    }

    [Fact]
    public void Bad_tracks_are_refused_naming_the_track_position_and_base()
    {
        var good = ContributionData.OneHot([0, 1, 2, 3]);

        var wrongSize = Assert.Throws<ArgumentException>(() => new ContributionTrack(good, Hyp(3), 4, "seq 7"));
        Assert.Contains("seq 7", wrongSize.Message);
        Assert.Contains("12 values", wrongSize.Message);
        Assert.Contains("16", wrongSize.Message);

        var shortOneHot = Assert.Throws<ArgumentException>(() => new ContributionTrack(good[..12], Hyp(4), 4, "seq 8"));
        Assert.Contains("seq 8", shortOneHot.Message);
        Assert.Contains("one-hot", shortOneHot.Message);

        var half = (float[])good.Clone();
        half[1 * 4 + 2] = 0.5f;
        var notBinary = Assert.Throws<ArgumentException>(() => new ContributionTrack(half, Hyp(4), 4, "seq 9"));
        Assert.Contains("seq 9", notBinary.Message);
        Assert.Contains("position 2", notBinary.Message);
        Assert.Contains("base C", notBinary.Message);

        var twoHot = (float[])good.Clone();
        twoHot[3 * 4 + 0] = 1; // T at 0 beside A
        var both = Assert.Throws<ArgumentException>(() => new ContributionTrack(twoHot, Hyp(4), 4, "seq 10"));
        Assert.Contains("seq 10", both.Message);
        Assert.Contains("position 0", both.Message);
        Assert.Contains("A and T", both.Message);

        var nan = Hyp(4);
        nan[2 * 4 + 3] = float.NaN;
        var notFinite = Assert.Throws<ArgumentException>(() => new ContributionTrack(good, nan, 4, "seq 11"));
        Assert.Contains("seq 11", notFinite.Message);
        Assert.Contains("position 3", notFinite.Message);
        Assert.Contains("base G", notFinite.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ContributionTrack([], [], 0));
    }

    [Fact]
    public void The_arrays_are_copied()
    {
        var oneHot = ContributionData.OneHot([0, 1]);
        var hyp = Hyp(2);
        var track = new ContributionTrack(oneHot, hyp, 2);
        hyp[0] = 99;
        Assert.Equal(0f, track.Hypothetical(0, 0));
    }

    [Fact]
    public void Discover_names_a_missing_track_and_needs_null_tracks()
    {
        var data = ContributionData.Generate(3, seed: 1);
        var missing = Assert.Throws<ArgumentException>(() => MotifDiscovery.Discover([data.Tracks[0], null!, data.Tracks[2]], data.NullTracks));
        Assert.Contains("tracks[1]", missing.Message);
        var missingNull = Assert.Throws<ArgumentException>(() => MotifDiscovery.Discover(data.Tracks, [data.NullTracks[0], null!]));
        Assert.Contains("nullTracks[1]", missingNull.Message);
        var none = Assert.Throws<ArgumentException>(() => MotifDiscovery.Discover(data.Tracks, []));
        Assert.Contains("null tracks", none.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MotifDiscovery.Discover(data.Tracks, data.NullTracks, new MotifDiscoveryOptions { TargetFdr = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MotifDiscovery.Discover(data.Tracks, data.NullTracks, new MotifDiscoveryOptions { WindowSize = 0 }));
    }

    [Fact]
    public void Tracks_shorter_than_a_seqlet_give_no_seqlets()
    {
        var data = ContributionData.Generate(3, seed: 2);
        var shortTrack = new ContributionTrack(ContributionData.OneHot([0, 1, 2, 3, 0]), Hyp(5), 5);
        var result = MotifDiscovery.Discover([shortTrack], data.NullTracks);
        Assert.Empty(result.Seqlets);
        Assert.Empty(result.Patterns);
        Assert.Equal(double.PositiveInfinity, result.PositiveThreshold);
    }
}
