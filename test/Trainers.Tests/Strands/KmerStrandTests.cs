using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Tests.Strands;

/// <summary>
/// Both strands at k-mer orders: the reverse complement of a k-mer encoding is its channels permuted
/// to the reverse-complement k-mers with positions reversed, and everything built on it (augmentation,
/// averaging, the strand-shared convolution) follows. Attribution at higher orders.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class KmerStrandTests
{
    private static string ReverseComplement(string s) => new(s.Reverse().Select(c => c switch
    {
        'A' => 'T',
        'C' => 'G',
        'G' => 'C',
        'T' => 'A',
        'R' => 'Y',
        'Y' => 'R',
        _ => c,
    }).ToArray());

    private static IDataView Encode(MLContext ml, IEnumerable<string> sequences, int length, int order)
    {
        var data = ml.Data.LoadFromEnumerable(sequences.Select(s => new MotifData.Row { Sequence = s }).ToList());
        var options = new OneHotSequenceEstimator.Options { OutputColumnName = "Features", InputColumnName = "Sequence", Length = length, Order = order };
        return ml.Transforms.OneHotEncodeSequence(options).Fit(data).Transform(data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Encoding_the_reverse_complement_equals_the_reverse_complement_map_of_the_encoding(int order)
    {
        var ml = new MLContext(1);
        var random = new Random(order);
        var sequences = Enumerable.Range(0, 6).Select(_ => new string(Enumerable.Range(0, 20).Select(_ => "ACGTNRY"[random.Next(7)]).ToArray())).ToList();
        var encoded = Encode(ml, sequences.SelectMany(s => new[] { s, ReverseComplement(s) }), length: 20, order);
        var strands = StrandComplement.For(InputShape.FromColumn(encoded.Schema["Features"], null))!;
        Assert.Equal(20 - order + 1, strands.Length);
        var rows = encoded.GetColumn<float[]>("Features").ToArray();
        for (int i = 0; i < sequences.Count; i++)
        {
            var mapped = new float[rows[2 * i].Length];
            strands.Apply(rows[2 * i], mapped);
            Assert.Equal(rows[2 * i + 1], mapped);

            using var batch = tensor(rows[2 * i], [1, rows[2 * i].Length]);
            using var flipped = strands.Apply(batch);
            Assert.Equal(rows[2 * i + 1], flipped.data<float>().ToArray());
        }
    }

    [Fact]
    public void A_dinucleotide_model_with_strand_averaging_augmentation_and_shared_filters_scores_both_strands_alike()
    {
        var ml = new MLContext(1);
        var labels = ml.Data.LoadFromEnumerable(MotifData.Generate(96, seed: 1));
        var withLabels = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options { OutputColumnName = "Features", InputColumnName = "Sequence", Length = 50, Order = 2 })
            .Fit(labels).Transform(labels);
        var network = NetworkPresets.Zou2019() with
        {
            Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 9, StrandShared = true, Pool = Pooling.Max, PoolSize = 4 }],
        };
        var model = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
        {
            Network = network,
            Epochs = 1,
            Seed = 1,
            ReverseComplementAverage = true,
            SequenceAugmentation = new SequenceAugmentation { ReverseComplement = true, MaxShift = 1 },
        }).Fit(withLabels);
        Assert.Equal(16, model.Model.Input.Channels);
        Assert.Equal(49, model.Model.Input.Length);

        var sequences = MotifData.Generate(10, seed: 5).Select(r => r.Sequence).ToList();
        var scores = model.Transform(Encode(ml, sequences.SelectMany(s => new[] { s, ReverseComplement(s) }), 50, 2)).GetColumn<float>("Score").ToList();
        for (int i = 0; i < sequences.Count; i++) Assert.Equal(scores[2 * i], scores[2 * i + 1], 4);
        Assert.Contains(Enumerable.Range(1, sequences.Count - 1), i => Math.Abs(scores[2 * i] - scores[0]) > 1e-4); // not a constant
    }

    [Fact]
    public void Saliency_works_per_kmer_channel_and_position_and_mutagenesis_refuses_higher_orders()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(MotifData.Generate(64, seed: 2));
        var encoded = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options { OutputColumnName = "Features", InputColumnName = "Sequence", Length = 50, Order = 3 })
            .Fit(data).Transform(data);
        var model = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1 }).Fit(encoded);

        var error = Assert.Throws<NotSupportedException>(() => ml.Transforms.ComputeAttributions(model, AttributionMethod.InSilicoMutagenesis));
        Assert.Contains("needs a first-order encoding (one base per channel); this model was trained with Order = 3", error.Message);
        Assert.Contains("AttributionMethod.Saliency", error.Message);

        var perBase = ml.Transforms.ComputeAttributions(model, AttributionMethod.Saliency, AttributionShape.PerBase).Fit(encoded).Transform(encoded)
            .GetColumn<float[]>("Attribution").First();
        Assert.Equal(64 * 48, perBase.Length);
        var perPosition = ml.Transforms.ComputeAttributions(model, AttributionMethod.Saliency, AttributionShape.PerPosition).Fit(encoded).Transform(encoded)
            .GetColumn<float[]>("Attribution").First();
        Assert.Equal(48, perPosition.Length);
        // Gradient × input is zero off the one-hot k-mer of each position, so a position's sum is its hot channel's value.
        var features = encoded.GetColumn<float[]>("Features").First();
        for (int p = 0; p < 48; p++)
        {
            int hot = Enumerable.Range(0, 64).Single(c => features[c * 48 + p] == 1);
            Assert.Equal(perBase[hot * 48 + p], perPosition[p], 5);
        }
    }
}
