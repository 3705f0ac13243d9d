using System.IO.Compression;
using Cnn.MLNet.Interpretation;
using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>The ready-made pipeline at k-mer orders: trained, saved and reloaded; tools that need one base per channel refuse it.</summary>
[Collection(TorchCollection.Name)]
public sealed class KmerPipelineTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static TransformerChain<ITransformer> TrainDinucleotides(MLContext ml, IDataView data) =>
        SequenceModels.Train(ml, data, null, new SequenceTrainingSettings
        {
            Order = 2,
            Length = PersistenceData.Length,
            Training = { Epochs = 1, BatchSize = 32, Seed = 1, Network = NetworkPresets.Zou2019() },
        });

    [Fact]
    public void An_order_2_pipeline_trains_saves_and_reloads_with_its_order_and_identical_scores()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var model = TrainDinucleotides(ml, data);
        var cnn = CnnChain.FindCnn(model);
        Assert.Equal(16, cnn.Model.Input.Channels);
        Assert.Equal(PersistenceData.Length - 1, cnn.Model.Input.Length);

        var (loaded, _) = RoundTrip.SaveAndLoad(ml, model, data.Schema, _directory);
        RoundTrip.AssertSameScores<BinaryPrediction>(ml, model, loaded);
        var encoder = Assert.IsType<OneHotSequenceTransformer>(((TransformerChain<ITransformer>)loaded).First());
        Assert.Equal(2, encoder.Spec.Order);
        Assert.Equal(PersistenceData.Length, encoder.Spec.Length);
        Assert.Equal(2, CnnChain.FindCnn(loaded).Model.Input.Encoding!.Order);

        // The model file carries the order in the spec's JSON (format version 2).
        using var archive = ZipFile.OpenRead(_directory.File("model.zip"));
        string everything = string.Concat(archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("\"order\": 2", everything.Replace("\"order\":2", "\"order\": 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Filter_motifs_refuse_a_kmer_model_and_say_what_to_do()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var model = TrainDinucleotides(ml, data);
        var cnn = CnnChain.FindCnn(model);
        var encoded = model.First().Transform(data);

        var error = Assert.Throws<ArgumentException>(() => FilterMotifs.Extract(cnn, encoded));
        Assert.Contains("Filter motifs need a first-order (one base per channel) encoding; this model was trained with Order = 2", error.Message);
        Assert.Contains("Train with Order = 1", error.Message);
    }
}
