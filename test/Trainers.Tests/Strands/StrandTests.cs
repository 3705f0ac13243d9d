using Cnn.MLNet.Transforms;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Strands;

/// <summary>Both DNA strands: reverse complements, augmentation, averaged scoring, strand-shared filters.</summary>
[Collection(TorchGlobalState.Name)]
public class StrandTests
{
    private static string ReverseComplement(string s) => new(s.Reverse().Select(c => c switch
    {
        'A' => 'T',
        'C' => 'G',
        'G' => 'C',
        'T' => 'A',
        'a' => 't',
        'c' => 'g',
        'g' => 'c',
        't' => 'a',
        _ => c,
    }).ToArray());

    private static IDataView Encode(MLContext ml, IEnumerable<string> sequences, int length = 50, bool softMask = false)
    {
        var data = ml.Data.LoadFromEnumerable(sequences.Select(s => new MotifData.Row { Sequence = s }).ToList());
        var options = new OneHotSequenceEstimator.Options { OutputColumnName = "Features", InputColumnName = "Sequence", Length = length, SoftMaskChannel = softMask };
        return ml.Transforms.OneHotEncodeSequence(options).Fit(data).Transform(data);
    }

    private static InputShape Shape(IDataView encoded) => InputShape.FromColumn(encoded.Schema["Features"], null);

    private static float[] Row(IDataView encoded, int index = 0) => encoded.GetColumn<float[]>("Features").ElementAt(index);

    [Fact]
    public void The_reverse_complement_of_an_encoded_sequence_is_the_encoding_of_its_reverse_complement()
    {
        var ml = new MLContext(1);
        const string sequence = "ACGTTGCAaacgNT";
        var both = Encode(ml, [sequence, ReverseComplement(sequence)], length: 14, softMask: true);
        var strands = StrandComplement.For(Shape(both))!;
        Assert.Equal([3, 2, 1, 0, 4], strands.Permutation);       // A↔T, C↔G, soft mask stays

        var row = Row(both, 0);
        var flipped = new float[row.Length];
        strands.Apply(row, flipped);
        // Bases complemented, soft mask (lowercase) and N carried along: exactly the encoding of the reverse complement.
        var expected = Row(both, 1);
        Assert.Equal(expected, flipped);

        TorchSharp.torch.random.manual_seed(1);
        using var batch = tensor(row.Concat(expected).ToArray(), [2, row.Length]);
        using var flippedBatch = strands.Apply(batch);
        Assert.Equal(flipped, flippedBatch[0].data<float>().ToArray());
    }

    [Fact]
    public void Augmentation_reverse_complements_about_half_the_rows_and_shifts_with_zero_fill()
    {
        var ml = new MLContext(1);
        var encoded = Encode(ml, ["ACGTACGGTTACCA"], length: 14);
        var strands = StrandComplement.For(Shape(encoded))!;
        var row = Row(encoded);
        var rc = new float[row.Length];
        strands.Apply(row, rc);

        var batch = Enumerable.Range(0, 400).SelectMany(_ => row).ToArray();
        new SequenceAugmenter(new SequenceAugmentation(), strands, seed: 3).Apply(batch, default, 400);
        var rows = batch.Chunk(row.Length).ToList();
        Assert.All(rows, r => Assert.True(r.SequenceEqual(row) || r.SequenceEqual(rc)));
        Assert.InRange(rows.Count(r => r.SequenceEqual(rc)), 160, 240);

        var shifted = row.ToArray();
        new SequenceAugmenter(new SequenceAugmentation { ReverseComplement = false, MaxShift = 3 }, strands, 1).Shift(shifted, 2);
        for (int c = 0; c < 4; c++)
            for (int p = 0; p < 14; p++)
                Assert.Equal(p >= 2 ? row[c * 14 + p - 2] : 0, shifted[c * 14 + p]);
    }

    [Fact]
    public void Averaging_both_strands_gives_a_sequence_and_its_reverse_complement_the_same_score_and_survives_saving()
    {
        var ml = new MLContext(1);
        var train = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(MotifData.Load(ml, 400, 1)).Transform(MotifData.Load(ml, 400, 1));
        var sequences = MotifData.Generate(20, seed: 7).Select(r => r.Sequence).ToList();
        var pairs = Encode(ml, sequences.SelectMany(s => new[] { s, ReverseComplement(s) }));

        List<float> Scores(ITransformer model) => model.Transform(pairs).GetColumn<float>("Score").ToList();

        var single = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 3, Seed = 1 }).Fit(train);
        var averaged = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 3, Seed = 1, ReverseComplementAverage = true }).Fit(train);
        var one = Scores(single);
        var both = Scores(averaged);
        Assert.Contains(Enumerable.Range(0, 20), i => Math.Abs(one[2 * i] - one[2 * i + 1]) > 1e-3);   // one strand: they differ
        for (int i = 0; i < 20; i++) Assert.Equal(both[2 * i], both[2 * i + 1], 5);
        // The average of the two strands' logits.
        for (int i = 0; i < 20; i++) Assert.Equal((one[2 * i] + one[2 * i + 1]) / 2, both[2 * i], 4);

        var payload = CnnTransformerSerializer.Save(averaged);
        Assert.Contains("\"reverseComplementAverage\": true", System.Text.Encoding.UTF8.GetString(payload.Config));
        Assert.DoesNotContain("reverseComplementAverage", System.Text.Encoding.UTF8.GetString(CnnTransformerSerializer.Save(single).Config));
        var reloaded = CnnTransformerSerializer.Load(HostEnvironmentAccess.FromCatalog(ml.BinaryClassification), payload);
        Assert.True(reloaded.Model.AverageReverseComplement);
        Assert.Equal(both, Scores(reloaded));

        var engine = ml.Model.CreatePredictionEngine<MotifData.Row, Prediction>(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(pairs).Append(averaged));
        Assert.Equal(both[0], engine.Predict(new MotifData.Row { Sequence = sequences[0] }).Score, 5);
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    [Fact]
    public void A_strand_shared_first_convolution_is_reverse_complement_equivariant_and_learns()
    {
        var ml = new MLContext(1);
        var spec = new NetworkSpec
        {
            Name = "strands",
            Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 12, StrandShared = true, Pool = Pooling.Max, PoolSize = 4 }],
            Head = [new DenseLayerSpec { Units = 16 }],
        };
        var encoded = Encode(ml, MotifData.Generate(4, seed: 9).Select(r => r.Sequence));
        random.manual_seed(1);
        using var network = Shape(encoded).CreateNetwork(spec, 1);
        Assert.Equal(16, network.Shapes[0].Channels);
        Assert.Contains("2×8 (both strands)", network.Shapes[0].Description);
        network.eval();
        var strands = StrandComplement.For(Shape(encoded))!;
        using var x = tensor(encoded.GetColumn<float[]>("Features").SelectMany(r => r).ToArray(), [4, 4 * 50]);
        using var rc = strands.Apply(x);
        using var forward = network.ForwardTo("conv1", x);      // 4, 16, 39
        using var reverse = network.ForwardTo("conv1", rc);
        using var expected = cat([forward.narrow(1, 8, 8), forward.narrow(1, 0, 8)], 1).flip(2);
        Assert.True((reverse - expected).abs().max().item<float>() < 1e-5);

        var train = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(MotifData.Load(ml, 600, 2)).Transform(MotifData.Load(ml, 600, 2));
        var test = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(MotifData.Load(ml, 200, 3)).Transform(MotifData.Load(ml, 200, 3));
        var model = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Network = spec, Epochs = 15, Seed = 1, SequenceAugmentation = new SequenceAugmentation { MaxShift = 2 } }).Fit(train);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.Accuracy >= 0.9, $"accuracy {metrics.Accuracy:F3}");
        Assert.Equal("layers.conv1.conv.weight", model.Model.Network.state_dict().Keys.First());
    }

    [Fact]
    public void Strand_features_on_inputs_without_strands_are_clear_errors()
    {
        var ml = new MLContext(1);
        var protein = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new MotifData.Row { Sequence = "MKVLA", Label = i % 2 == 0 }).ToList());
        var encoded = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 30, alphabet: SequenceAlphabet.Protein).Fit(protein).Transform(protein);
        var error = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { ReverseComplementAverage = true, Epochs = 1 }).Fit(encoded));
        Assert.Contains("ReverseComplementAverage needs one-hot DNA or RNA", error.Message);
        Assert.Contains("holds Protein sequences", error.Message);
        Assert.Contains("SequenceAugmentation needs one-hot DNA or RNA",
            Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { SequenceAugmentation = new SequenceAugmentation(), Epochs = 1 }).Fit(encoded)).Message);

        var strided = new NetworkSpec { Trunk = [new ConvBlockSpec { Filters = 4, KernelSize = 5, Stride = 2, StrandShared = true }] };
        Assert.Contains("StrandShared needs stride 1", Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(strided, 4, 50, 1)).Message);
        var second = new NetworkSpec { Trunk = [new ConvBlockSpec { Filters = 4, KernelSize = 5 }, new ConvBlockSpec { Filters = 4, KernelSize = 3, StrandShared = true }] };
        Assert.Contains("first convolution of a sequence network only", Assert.Throws<ArgumentException>(() => NetworkShapes.Infer(second, 4, 50, 1)).Message);
        var shared = new NetworkSpec { Trunk = [new ConvBlockSpec { Filters = 4, KernelSize = 5, StrandShared = true }] };
        Assert.Contains("StrandShared needs one-hot DNA or RNA input", Assert.Throws<ArgumentException>(() => new CnnNetwork(shared, 4, 50, 1)).Message);
        Assert.Contains("SequenceAugmentation.MaxShift must not be negative",
            Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { SequenceAugmentation = new SequenceAugmentation { MaxShift = -1 } })).Message);
    }
}
