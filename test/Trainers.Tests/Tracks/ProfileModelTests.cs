using Cnn.MLNet.Interpretation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Tracks;

/// <summary>
/// A BPNet-style model trained on footprints whose position and size are known
/// (<see cref="FootprintData"/>): it must put its profile on the footprints, predict the counts, beat
/// the average-profile baseline, keep its columns through a save and load, average strands
/// correctly, and explain its count with attributions on the motif.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class ProfileModelTests
{
    private static readonly Lazy<(MLContext Ml, CnnPredictionTransformer Model, List<FootprintData.Row> Test, IDataView Encoded)> Trained = new(Train);

    private static (MLContext, CnnPredictionTransformer, List<FootprintData.Row>, IDataView) Train()
    {
        var ml = new MLContext(seed: 1);
        var train = FootprintData.Encode(ml, FootprintData.Rows(600, seed: 1));
        var options = new CnnProfileTrainer.Options
        {
            Network = NetworkPresets.BPNet(FootprintData.OutputLength, layers: 2, filters: 16) with { TrackHead = new TrackHeadSpec { OutputLength = FootprintData.OutputLength, KernelSize = 9 } },
            Stranded = true,
            Epochs = 25,
            BatchSize = 32,
            LearningRate = 0.004,
            Seed = 3,
            SequenceAugmentation = new SequenceAugmentation { ReverseComplement = true },
            ReverseComplementAverage = true,
        };
        var model = (CnnPredictionTransformer)ml.Regression.Trainers.CnnProfile(options).Fit(train);
        var test = FootprintData.Rows(200, seed: 2);
        return (ml, model, test, FootprintData.Encode(ml, test));
    }

    private static float[][] Column(IDataView data, string name) => data.GetColumn<VBuffer<float>>(name).Select(v => v.DenseValues().ToArray()).ToArray();

    [Fact]
    public void Profile_model_learns_footprints_and_counts_and_beats_the_average_profile()
    {
        var (_, model, test, encoded) = Trained.Value;
        var scored = model.Transform(encoded);
        var probabilities = Column(scored, ProfileOutputColumns.Probabilities);
        var logCounts = Column(scored, ProfileOutputColumns.LogCount);
        int t = 2, p = FootprintData.OutputLength;
        float[][] Split(float[] row) => [.. Enumerable.Range(0, t).Select(k => row.Skip(k * p).Take(p).ToArray())];
        var data = new ProfileEvaluationData(
            [.. test.Select(r => Split(r.Label))], [.. probabilities.Select(Split)], logCounts, null);
        var metrics = ProfileMetrics.Evaluate(data);
        Assert.True(metrics.CountPearson >= 0.8, $"count Pearson {metrics.CountPearson:F3}\n{metrics}");
        Assert.True(metrics.ProfileJsd < metrics.AverageProfileJsd, $"JSD {metrics.ProfileJsd:F3} vs average profile {metrics.AverageProfileJsd:F3}\n{metrics}");

        // The plus-strand profile peaks 3 bases before a lone copy.
        int hits = 0, lone = 0;
        for (int i = 0; i < test.Count; i++)
        {
            if (test[i].Starts.Length != 1) continue;
            lone++;
            var plus = probabilities[i].AsSpan(0, p);
            int peak = plus.IndexOf(MaxOf(plus));
            if (Math.Abs(peak - (test[i].Starts[0] - 3 - FootprintData.Crop)) <= 1) hits++;
        }
        Assert.True(hits >= 0.8 * lone, $"{hits} of {lone} plus-strand peaks at the footprint");
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values) max = MathF.Max(max, v);
        return max;
    }

    [Fact]
    public void Columns_are_consistent_and_survive_save_and_load()
    {
        var (ml, model, _, encoded) = Trained.Value;
        var scored = model.Transform(encoded);
        var profile = Column(scored, ProfileOutputColumns.Profile);
        var probabilities = Column(scored, ProfileOutputColumns.Probabilities);
        var counts = Column(scored, ProfileOutputColumns.Count);
        var logCounts = Column(scored, ProfileOutputColumns.LogCount);
        int p = FootprintData.OutputLength;
        for (int i = 0; i < 5; i++)
            for (int k = 0; k < 2; k++)
            {
                Assert.Equal(1.0, probabilities[i].Skip(k * p).Take(p).Sum(), 3);
                Assert.Equal(Math.Max(Math.Exp(logCounts[i][k]) - 1, 0), counts[i][k], 2);
                Assert.Equal(counts[i][k], profile[i].Skip(k * p).Take(p).Sum(), 1);
            }

        using var stream = new MemoryStream();
        ml.Model.SaveCnn(model, encoded.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.LoadCnn(stream, out _);
        Assert.Equal(profile, Column(loaded.Transform(encoded), ProfileOutputColumns.Profile));
    }

    [Fact]
    public void Reverse_complement_averaging_gives_each_strand_the_mirrored_profile()
    {
        var (_, model, test, encoded) = Trained.Value;
        var cnn = model.Model;
        var features = Column(encoded, "Features").Take(4).ToArray();
        var strands = cnn.Strands!;
        var order = cnn.Task.ReverseStrandOutputOrder!;
        foreach (var row in features)
        {
            var reverse = new float[row.Length];
            strands.Apply(row, reverse);
            var forward = new float[cnn.Outputs];
            var backward = new float[cnn.Outputs];
            cnn.Forward(row, 1, forward);
            cnn.Forward(reverse, 1, backward);
            for (int j = 0; j < forward.Length; j++) Assert.Equal(forward[j], backward[order[j]], 3);
        }
    }

    [Fact]
    public void Count_attributions_sum_to_delta_and_fall_on_the_motif()
    {
        var (ml, model, test, encoded) = Trained.Value;
        foreach (var target in new[] { TrackAttributionTarget.Count, TrackAttributionTarget.Profile })
        {
            var options = new AttributionOptions { Method = AttributionMethod.DeepLift, References = 8, TrackTarget = target, Shape = AttributionShape.PerPosition };
            var attributed = ml.Transforms.ComputeAttributions(model, options).Fit(encoded).Transform(encoded);
            var errors = attributed.GetColumn<float>("AttributionError").ToArray();
            Assert.True(errors.Max() < 1e-3, $"{target}: largest summation error {errors.Max()}");
            if (target != TrackAttributionTarget.Count) continue;
            var scores = Column(attributed, "Attribution");
            int inside = 0, lone = 0;
            for (int i = 0; i < test.Count; i++)
            {
                if (test[i].Starts.Length != 1) continue;
                lone++;
                int start = test[i].Starts[0];
                double motif = scores[i].Skip(start).Take(FootprintData.Motif.Length).Sum();
                double rest = scores[i].Sum() - motif;
                if (motif > Math.Abs(rest)) inside++;
            }
            Assert.True(inside >= 0.8 * lone, $"count attributions on the motif in {inside} of {lone} single-copy sequences");
        }
    }

    [Fact]
    public void Bad_labels_are_refused_naming_row_track_and_position()
    {
        var ml = new MLContext(seed: 1);
        var rows = FootprintData.Rows(40, seed: 5);
        rows[7].Label[FootprintData.OutputLength + 3] = -1;
        var options = new CnnProfileTrainer.Options
        {
            Network = NetworkPresets.BPNet(FootprintData.OutputLength, layers: 1, filters: 4),
            Stranded = true,
            Epochs = 1,
            Shuffle = false,
        };
        var error = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.CnnProfile(options).Fit(FootprintData.Encode(ml, rows)));
        Assert.Contains("row 7", error.Message);
        Assert.Contains("track 1", error.Message);
        Assert.Contains("position 3", error.Message);

        var shifted = new CnnProfileTrainer.Options
        {
            Network = NetworkPresets.BPNet(FootprintData.OutputLength, layers: 1, filters: 4),
            Stranded = true,
            SequenceAugmentation = new SequenceAugmentation { MaxShift = 2 },
        };
        Assert.Contains("shorter than the input", Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.CnnProfile(shifted).Fit(FootprintData.Encode(ml, rows))).Message);

        var regressor = ml.Regression.Trainers.Cnn(new CnnRegressionTrainer.Options { LabelColumnName = "Sum", Network = NetworkPresets.Zou2019(), Epochs = 1, BatchSize = 8 })
            .Fit(SumLabel(ml, rows));
        var fromClassifier = new CnnProfileTrainer.Options { StartFrom = regressor.Model, Stranded = true, Epochs = 1 };
        Assert.Contains("has no TrackHead", Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.CnnProfile(fromClassifier).Fit(FootprintData.Encode(ml, rows))).Message);

        var wrong = new CnnProfileTrainer.Options { Network = NetworkPresets.BPNet(30, layers: 1, filters: 4), Epochs = 1 };
        Assert.Contains("whole number of tracks", Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.CnnProfile(wrong).Fit(FootprintData.Encode(ml, rows))).Message);
    }

    // The footprint rows with a Single "Sum" column (the total count), for a plain regressor to fine-tune from.
    private static IDataView SumLabel(MLContext ml, List<FootprintData.Row> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new SumRow { Sequence = r.Sequence, Sum = r.Label.Sum() }));
        return ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: FootprintData.Length).Fit(data).Transform(data);
    }

    public sealed class SumRow
    {
        public string Sequence { get; set; } = "";
        public float Sum { get; set; }
    }

    [Fact]
    public void Binned_poisson_model_learns_the_binned_counts()
    {
        var ml = new MLContext(seed: 1);
        const int bin = 10, bins = FootprintData.OutputLength / bin;
        List<FootprintData.Row> Binned(List<FootprintData.Row> rows) => rows.Select(r => new FootprintData.Row
        {
            Sequence = r.Sequence,
            Starts = r.Starts,
            Label = [.. Enumerable.Range(0, 2 * FootprintData.OutputLength).Select(i => i < 2 * bins ? r.Label.Skip(i * bin).Take(bin).Sum() : 0f)],
        }).ToList();
        // The label column's declared size is 2 × OutputLength; a binned model needs 2 × bins, so copy into a fitting schema.
        IDataView Encode(List<FootprintData.Row> rows)
        {
            var data = ml.Data.LoadFromEnumerable(rows.Select(r => new BinnedRow { Sequence = r.Sequence, Label = r.Label[..(2 * bins)] }));
            return ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: FootprintData.Length).Fit(data).Transform(data);
        }
        var trainRows = Binned(FootprintData.Rows(400, seed: 1));
        var options = new CnnBinnedTracksTrainer.Options
        {
            Network = NetworkPresets.BPNet(FootprintData.OutputLength, layers: 2, filters: 16) with
            {
                TrackHead = new TrackHeadSpec { Kind = TrackHeadKind.Binned, OutputLength = FootprintData.OutputLength, BinSize = bin, KernelSize = 9 },
            },
            Stranded = true,
            Epochs = 15,
            LearningRate = 0.004,
            Seed = 3,
        };
        var model = ml.Regression.Trainers.CnnBinnedTracks(options).Fit(Encode(trainRows));
        var testRows = Binned(FootprintData.Rows(150, seed: 2));
        var predicted = Column(model.Transform(Encode(testRows)), ProfileOutputColumns.Score);
        var observed = testRows.Select(r => r.Label[..(2 * bins)]).ToArray();
        var metrics = BinnedTrackMetrics.Evaluate(
            [.. observed.Select(o => new[] { o[..bins], o[bins..] })], [.. predicted.Select(o => new[] { o[..bins], o[bins..] })]);
        Assert.All(metrics, m => Assert.True(m.Log1pPearson > 0.6, $"track {m.Track}: log1p Pearson {m.Log1pPearson:F3}"));
    }

    public sealed class BinnedRow
    {
        public string Sequence { get; set; } = "";

        [VectorType(8)]
        public float[] Label { get; set; } = [];
    }
}
