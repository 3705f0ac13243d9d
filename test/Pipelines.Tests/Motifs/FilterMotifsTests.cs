using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using TorchSharp;
using Xunit.Abstractions;

namespace Cnn.MLNet.Pipelines.Tests.Motifs;

[Collection(TorchCollection.Name)]
public sealed class FilterMotifsTests(ITestOutputHelper output)
{
    private const int Length = 20;

    /// <summary>
    /// Two filters of width 4 over 20-bp input. Filter 0 matches ACGT exactly: +1 on the matching
    /// base, −1 elsewhere, bias −3, so an exact match gives 1 and any mismatch ≤ −1 (0 after ReLU).
    /// Filter 1 matches ACG in its first three positions and ignores the fourth (bias −2.5): 0.5
    /// on every ACG, so its fourth column is the composition of the base after ACG.
    /// </summary>
    private static CnnNetwork PlantedNetwork(ConvPadding padding = ConvPadding.Valid)
    {
        TorchRuntime.EnsureInitialized();
        var spec = new NetworkSpec { Name = "planted", Trunk = [new ConvBlockSpec { Filters = 2, KernelSize = 4, Padding = padding }] };
        var network = new CnnNetwork(spec, 4, Length, 1);
        var weight = new float[2 * 4 * 4];
        for (int t = 0; t < 4; t++)
            for (int c = 0; c < 4; c++)
            {
                weight[(0 * 4 + c) * 4 + t] = c == t ? 1 : -1; // ACGT: base t at position t
                weight[(1 * 4 + c) * 4 + t] = t == 3 ? 0 : c == t ? 1 : -1;
            }
        using (torch.no_grad())
        {
            var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            parameters.Single(p => p.Key.EndsWith("conv1.weight", StringComparison.Ordinal)).Value.copy_(torch.tensor(weight, [2, 4, 4]));
            parameters.Single(p => p.Key.EndsWith("conv1.bias", StringComparison.Ordinal)).Value.copy_(torch.tensor(new float[] { -3f, -2.5f }));
        }
        network.eval();
        return network;
    }

    private static float[] OneHot(string sequence)
    {
        var x = new float[4 * Length];
        for (int p = 0; p < sequence.Length; p++) x["ACGT".IndexOf(sequence[p], StringComparison.Ordinal) * Length + p] = 1;
        return x;
    }

    private static List<string> PlantedSequences(int count, int seed, out int planted)
    {
        var random = new Random(seed);
        var sequences = new List<string>();
        planted = 0;
        for (int i = 0; i < count; i++)
        {
            var bases = Enumerable.Range(0, Length).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            if (random.Next(2) == 0)
            {
                "ACGT".CopyTo(0, bases, random.Next(Length - 3), 4);
                planted++;
            }
            sequences.Add(new string(bases));
        }
        return sequences;
    }

    private static int Occurrences(IEnumerable<string> sequences, string motif) =>
        sequences.Sum(s => Enumerable.Range(0, s.Length - motif.Length + 1).Count(p => string.CompareOrdinal(s, p, motif, 0, motif.Length) == 0));

    [Fact]
    public void A_filter_that_matches_ACGT_exactly_gives_a_one_hot_ACGT_matrix_with_one_site_per_occurrence()
    {
        var sequences = PlantedSequences(400, seed: 5, out int planted);
        int occurrences = Occurrences(sequences, "ACGT");
        Assert.True(occurrences >= planted && planted > 150);
        output.WriteLine($"{planted} planted, {occurrences - planted} natural occurrences of ACGT");

        using var network = PlantedNetwork();
        var filters = FilterMotifs.Extract(network, sequences.Select(OneHot).ToList(), batchSize: 64);

        Assert.Equal(2, filters.Count);
        var acgt = filters[0];
        Assert.Equal("filter0", acgt.Id);
        Assert.Equal(occurrences, acgt.Sites);
        Assert.Equal(1f, acgt.MaxActivation, 5);
        Assert.NotNull(acgt.Motif);
        Assert.Equal("filter0", acgt.Motif.Id);
        Assert.Equal(occurrences, acgt.Motif.Sites);
        Assert.Equal("ACGT", acgt.Motif.Consensus());
        for (int t = 0; t < 4; t++)
        {
            Assert.True(acgt.Motif[t, t] > 0.999, $"position {t}: {acgt.Motif[t, t]}");
            Assert.Equal((occurrences + FilterMotifs.Pseudocount / 4) / (occurrences + FilterMotifs.Pseudocount), acgt.Motif[t, t], 9);
        }
        Assert.True(acgt.InformationContent > 7.9);

        // Filter 1 fires on every ACG; its last column is the composition of the base after it.
        int acg = sequences.Sum(s => Enumerable.Range(0, Length - 3).Count(p => s.AsSpan(p, 3).SequenceEqual("ACG")));
        Assert.Equal(acg, filters[1].Sites);
        Assert.Equal("ACG", filters[1].Motif!.Consensus()[..3]);
    }

    [Fact]
    public void Same_padding_maps_output_positions_back_to_their_windows_and_skips_those_past_the_ends()
    {
        var sequences = PlantedSequences(200, seed: 6, out _);
        sequences.Add("ACGTTTTTTTTTTTTTTACG"); // ACG at the very end: filter 1's window runs past the end
        int occurrences = Occurrences(sequences, "ACGT");
        int acg = sequences.Sum(s => Enumerable.Range(0, Length - 3).Count(p => s.AsSpan(p, 3).SequenceEqual("ACG")));

        using var network = PlantedNetwork(ConvPadding.Same);
        var filters = FilterMotifs.Extract(network, sequences.Select(OneHot).ToList());

        Assert.Equal(occurrences, filters[0].Sites);
        Assert.Equal("ACGT", filters[0].Motif!.Consensus());
        Assert.True(filters[0].Motif![2, 2] > 0.999);
        Assert.Equal(acg, filters[1].Sites);
    }

    [Fact]
    public void A_filter_that_never_fires_has_no_sites_and_is_left_out_of_the_export()
    {
        using var network = PlantedNetwork();
        // No ACG anywhere: neither filter fires.
        var filters = FilterMotifs.Extract(network, [OneHot("TTTTTTTTTTGGGGGGGGGG"), OneHot("CCCCCCCCCCAAAAAAAAAA")]);
        Assert.All(filters, f => Assert.Equal(0, f.Sites));
        Assert.All(filters, f => Assert.Null(f.Motif));
        Assert.All(filters, f => Assert.Equal(0, f.InformationContent));
        Assert.Empty(FilterMotifs.WithSites(filters));
    }

    [Fact]
    public void From_a_model_and_encoded_data_with_IUPAC_codes_and_padding()
    {
        // Every ACG is followed by R (½A + ½G) or sits at the end of a short (padded) sequence.
        var random = new Random(8);
        var sequences = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            int length = 12 + random.Next(Length - 11);
            var bases = Enumerable.Range(0, length).Select(_ => "CT"[random.Next(2)]).ToArray();
            int p = random.Next(length - 2);
            bases[p] = 'A'; bases[p + 1] = 'C'; bases[p + 2] = 'G';
            if (p + 3 < length) bases[p + 3] = 'R';
            sequences.Add(new string(bases));
        }
        int counted = sequences.Count(s => s.IndexOf("ACG", StringComparison.Ordinal) + 3 < s.Length);
        Assert.InRange(counted, 100, 199); // some windows run into the padding and are skipped

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(sequences.Select(s => new MotifData.Row { Sequence = s }));
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: Length).Fit(data);
        var model = new CnnPredictionTransformer(
            new CnnModel(PlantedNetwork(), new BinaryClassificationTask(1f), new InputShape(4, Length, encoder.Spec), torch.CPU, []), "Features", 16);

        var filters = FilterMotifs.Extract(model, encoder.Transform(data), batchSize: 32);

        Assert.Equal(0, filters[0].Sites); // no ACGT anywhere
        var acg = filters[1];
        Assert.Equal(counted, acg.Sites);
        double expected = (counted * 0.5 + FilterMotifs.Pseudocount / 4) / (counted + FilterMotifs.Pseudocount);
        Assert.Equal(expected, acg.Motif![3, 0], 6); // A
        Assert.Equal(expected, acg.Motif[3, 2], 6); // G
        Assert.True(acg.Motif[3, 1] < 0.001 && acg.Motif[3, 3] < 0.001);
        Assert.Equal("ACG", acg.Motif.Consensus()[..3]);
    }

    [Fact]
    public void Data_without_the_feature_column_or_a_network_without_a_first_convolution_is_rejected()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(PlantedSequences(10, seed: 1, out _).Select(s => new MotifData.Row { Sequence = s }));
        var encoder = ml.Transforms.OneHotEncodeSequence("Encoded", "Sequence", length: Length).Fit(data);
        var model = new CnnPredictionTransformer(
            new CnnModel(PlantedNetwork(), new BinaryClassificationTask(1f), new InputShape(4, Length, encoder.Spec), torch.CPU, []), "Features", 16);
        var e = Assert.Throws<ArgumentException>(() => FilterMotifs.Extract(model, encoder.Transform(data)));
        Assert.Contains("Features", e.Message);

        TorchRuntime.EnsureInitialized();
        using var residual = new CnnNetwork(new NetworkSpec { Trunk = [new ResidualBlockSpec { Filters = 4, KernelSize = 3 }] }, 4, Length, 1);
        var error = Assert.Throws<ArgumentException>(() => FilterMotifs.Extract(residual, [OneHot("ACGT")]));
        Assert.Contains("first trunk block", error.Message);
        Assert.Contains("ResidualBlockSpec", error.Message);

        using var image = new CnnNetwork(NetworkPresets.LeNet5(), 4, 16, 16, 1);
        var imageError = Assert.Throws<ArgumentException>(() => FilterMotifs.Extract(image, [new float[4 * 16 * 16]]));
        Assert.Contains("network 'LeNet5' takes images (4 × 16 × 16)", imageError.Message);
    }

    [Fact]
    public void A_trained_Zou2019_network_learns_a_filter_like_the_planted_motif()
    {
        var ml = new MLContext(seed: 1);
        var train = MotifData.Load(ml, 1500, seed: 3);
        var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 12, BatchSize = 32, Seed = 1, LearningRate = 3e-3, Network = NetworkPresets.Zou2019() }));
        var model = pipeline.Fit(train);
        var encoder = model.OfType<Cnn.MLNet.Transforms.OneHotSequenceTransformer>().Single();
        var cnn = model.OfType<CnnPredictionTransformer>().Single();

        var test = ml.Data.LoadFromEnumerable(MotifData.Generate(500, seed: 4).Where(r => r.Label));
        var filters = FilterMotifs.Extract(cnn, encoder.Transform(test));
        var motifs = FilterMotifs.WithSites(filters);
        Assert.NotEmpty(motifs);

        var planted = Motif.FromConsensus("MotifA", MotifData.MotifA);
        var ranked = motifs.Select(m => MotifComparison.Compare(m, planted)).OrderByDescending(m => m.Score).ToList();
        foreach (var m in ranked.Take(5))
            output.WriteLine($"{m.Query.Id}: {m.Query.Consensus()} sites={m.Query.Sites} IC={m.Query.TotalInformationContent():F1} score={m.Score:F3} offset={m.Offset} strand={m.Strand} overlap={m.Overlap}");
        Assert.True(ranked[0].Score > 0.9, $"best filter scored {ranked[0].Score:F3}");
    }

    [Fact]
    public void A_strand_shared_first_layer_gives_one_motif_per_filter_read_on_the_given_strand()
    {
        var ml = new MLContext(seed: 1);
        var spec = NetworkPresets.Zou2019() with
        {
            Trunk = [new ConvBlockSpec { Filters = 16, KernelSize = 12, StrandShared = true, Pool = Pooling.Max, PoolSize = 4 }],
        };
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 12, Seed = 1, LearningRate = 3e-3, Network = spec }))
            .Fit(MotifData.Load(ml, 1500, seed: 3));
        var encoder = model.OfType<Cnn.MLNet.Transforms.OneHotSequenceTransformer>().Single();
        var cnn = model.OfType<CnnPredictionTransformer>().Single();
        var test = ml.Data.LoadFromEnumerable(MotifData.Generate(500, seed: 4).Where(r => r.Label));

        var filters = FilterMotifs.Extract(cnn, encoder.Transform(test));
        Assert.Equal(16, filters.Count);
        var planted = Motif.FromConsensus("MotifA", MotifData.MotifA);
        double best = FilterMotifs.WithSites(filters).Max(m => MotifComparison.Compare(m, planted).Score);
        Assert.True(best > 0.9, $"best strand-shared filter scored {best:F3}");
    }
}
