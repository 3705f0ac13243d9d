using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Profiles;

public sealed class ProfileStreamingTests
{
    [Fact]
    public void Rows_read_the_tracks_one_row_at_a_time_only_when_the_label_is_read()
    {
        using var data = new ProfileTestData();
        // 20,000 windows of 1,000 bases over the genome: 20 million labels if materialised.
        const int Windows = 20_000;
        string bed = data.Bed("many.bed", Enumerable.Range(0, Windows).Select(i => $"{ProfileTestData.Names[i % 3]}\t{(i * 7) % 18_000 + 1000}\t{(i * 7) % 18_000 + 1001}").ToArray());
        var track = new CountingTrack(ProfileTestData.Track("a", 7, 1));
        var (view, report) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions { BedPath = bed, Tracks = [track], BackgroundFraction = 0 });
        Assert.Equal(Windows, report.Peaks);
        int afterBuild = track.Reads;
        Assert.Equal(Windows, afterBuild);                                    // one streaming pass for the count summary

        using (var cursor = view.GetRowCursor(view.Schema))
        {
            var label = cursor.GetGetter<VBuffer<float>>(view.Schema[ProfileColumns.Label]);
            Assert.Equal(afterBuild, track.Reads);                            // opening a cursor reads nothing
            VBuffer<float> value = default;
            for (int i = 0; i < 10; i++)
            {
                Assert.True(cursor.MoveNext());
                label(ref value);
                label(ref value);                                             // a second read of the row is cached
                Assert.Equal(afterBuild + i + 1, track.Reads);
            }
        }

        // A pass that does not read the label reads no track at all.
        using (var cursor = view.GetRowCursor([view.Schema[ProfileColumns.Chromosome]]))
        {
            while (cursor.MoveNext()) { }
        }
        Assert.Equal(afterBuild + 10, track.Reads);
    }

    [Fact]
    public void The_view_shuffles_itself_as_a_permutation_of_its_rows()
    {
        using var data = new ProfileTestData();
        var a = ProfileTestData.Track("a", 7, 1);
        var (view, _) = ProfileTrainingData.Build(data.ML, data.Genome, new ProfileTrainingOptions
        {
            BedPath = data.GridPeaks(),
            Length = 100,
            OutputLength = 50,
            Tracks = [a],
            BackgroundFraction = 0.5,
        });
        Assert.True(view.CanShuffle);
        var ordered = ProfileTestData.Rows(view);
        var shuffled = ProfileTestData.Rows(view, new Random(3));
        var again = ProfileTestData.Rows(view, new Random(3));
        Assert.NotEqual(ordered.Select(r => (r.Chromosome, r.Start)), shuffled.Select(r => (r.Chromosome, r.Start)));
        Assert.Equal(shuffled.Select(r => (r.Chromosome, r.Start)), again.Select(r => (r.Chromosome, r.Start)));
        // Every row is still whole: its label belongs to its own window.
        var byPlace = ordered.ToDictionary(r => (r.Chromosome, r.Start, r.IsPeak));
        Assert.Equal(ordered.Count, shuffled.Count);
        Assert.All(shuffled, r => Assert.Equal(byPlace[(r.Chromosome, r.Start, r.IsPeak)].Label, r.Label));

        // ML.NET's own shuffle goes through it too.
        var viaMLNet = ProfileTestData.Rows(data.ML.Data.ShuffleRows(view, seed: 4));
        Assert.Equal(ordered.Select(r => (r.Chromosome, r.Start)).Order(), viaMLNet.Select(r => (r.Chromosome, r.Start)).Order());
        Assert.NotEqual(ordered.Select(r => (r.Chromosome, r.Start)), viaMLNet.Select(r => (r.Chromosome, r.Start)));
    }
}
