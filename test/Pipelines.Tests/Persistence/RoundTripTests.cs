using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using TorchSharp;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

[Collection(TorchCollection.Name)]
public sealed class RoundTripTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static TOptions Quick<TOptions>(TOptions options) where TOptions : CnnTrainerOptions
    {
        options.Epochs = 2;
        options.BatchSize = 32;
        options.Seed = 1;
        options.Network ??= NetworkPresets.Zou2019();
        return options;
    }

    [Fact]
    public void Binary_model_scores_bit_identically_after_reload()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length)
            .Append(ml.BinaryClassification.Trainers.Cnn(Quick(new CnnBinaryTrainer.Options { PositiveWeight = 1.5f })))
            .Fit(data);

        var (loaded, schema) = RoundTrip.SaveAndLoad(ml, model, data.Schema, _directory);

        RoundTrip.AssertSameScores<BinaryPrediction>(ml, model, loaded);
        Assert.Equal(OutputComparison.Describe(data.Schema), OutputComparison.Describe(schema));
        Assert.True(OutputComparison.Column(model.Transform(PersistenceData.Test(ml)), "Score").Distinct().Count() > 10, "the scores should vary");
        var cnn = Assert.IsType<CnnPredictionTransformer>(((TransformerChain<ITransformer>)loaded).Last());
        Assert.Equal(model.LastTransformer.ScoringBatchSize, cnn.ScoringBatchSize);
        Assert.Equal(model.LastTransformer.Model.Input, cnn.Model.Input);
        Assert.True(cnn.Model.Spec.SameAs(model.LastTransformer.Model.Spec));
        Assert.False(cnn.Model.Network.training);
        Assert.Empty(cnn.Model.History);
    }

    [Fact]
    public void Multiclass_model_with_stock_key_mappings_keeps_class_names_and_scopes()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var model = new EstimatorChain<ITransformer>()
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Class"), TransformerScope.TrainTest)
            .Append(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length))
            .Append(ml.MulticlassClassification.Trainers.Cnn(Quick(new CnnMulticlassTrainer.Options { ClassWeights = [1f, 1f, 2f, 1f] })))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabelText", "PredictedLabel"))
            .Fit(data);

        var (loaded, schema) = RoundTrip.SaveAndLoad(ml, model, data.Schema, _directory);

        RoundTrip.AssertSameScores<MulticlassPrediction>(ml, model, loaded);
        Assert.Equal(OutputComparison.Describe(data.Schema), OutputComparison.Describe(schema));
        var names = OutputComparison.Column(loaded.Transform(PersistenceData.Test(ml)), "PredictedLabelText");
        Assert.Subset(new HashSet<string>(["A", "B", "AB", "none"]), names.ToHashSet());
        var cnn = ((TransformerChain<ITransformer>)loaded).OfType<CnnPredictionTransformer>().Single();
        Assert.Equal(model.OfType<CnnPredictionTransformer>().Single().Model.ClassNames, cnn.Model.ClassNames);

        // The label mapping was for training and testing only, before and after reloading.
        var scoring = ((TransformerChain<ITransformer>)loaded).GetModelFor(TransformerScope.Scoring);
        Assert.Equal(model.GetModelFor(TransformerScope.Scoring).Select(t => t.GetType()), scoring.Select(t => t.GetType()));
        Assert.Equal(3, scoring.Count());
    }

    [Fact]
    public void Regression_model_scores_bit_identically_after_reload()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length)
            .Append(ml.Regression.Trainers.Cnn(Quick(new CnnRegressionTrainer.Options { LabelColumnName = "Count" })))
            .Fit(data);

        var (loaded, _) = RoundTrip.SaveAndLoad(ml, model, data.Schema, _directory);

        RoundTrip.AssertSameScores<RegressionPrediction>(ml, model, loaded);
    }

    [Fact]
    public void Multi_task_model_keeps_its_target_kinds()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var model = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length)
            .Append(ml.BinaryClassification.Trainers.CnnMultiTask(Quick(new CnnMultiTaskTrainer.Options
            {
                LabelColumnName = "Targets",
                Targets = [TargetKind.Binary, TargetKind.Regression],
            })))
            .Fit(data);

        var (loaded, _) = RoundTrip.SaveAndLoad(ml, model, data.Schema, _directory);

        RoundTrip.AssertSameScores<MultiTaskPrediction>(ml, model, loaded);
        var cnn = ((TransformerChain<ITransformer>)loaded).OfType<CnnPredictionTransformer>().Single();
        Assert.Equal(CnnTaskKind.MultiTask, cnn.Model.TaskKind);
        Assert.Equal(2, cnn.Model.Outputs);
    }

    [Fact]
    public void Batch_norm_statistics_are_saved_and_dropout_stays_off()
    {
        // Built rather than trained: training with batch norm currently turns NaN now and then
        // (see the report), and setting the statistics directly makes every one of them distinct.
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length).Fit(data);
        var spec = new NetworkSpec
        {
            Name = "tiny-basset",
            Trunk =
            [
                new ConvBlockSpec { Filters = 8, KernelSize = 7, BatchNorm = true, Pool = Pooling.Max, PoolSize = 2, Dropout = 0.2 },
                new ConvBlockSpec { Filters = 8, KernelSize = 3, BatchNorm = true, Pool = Pooling.Max, PoolSize = 2 },
            ],
            Head = [new DenseLayerSpec { Units = 8, BatchNorm = true, Dropout = 0.3 }],
        };
        TorchRuntime.EnsureInitialized();
        torch.manual_seed(1);
        var network = new CnnNetwork(spec, 4, PersistenceData.Length, 1);
        using (torch.no_grad())
        {
            foreach (var (name, buffer) in network.named_buffers().Where(b => b.buffer.dtype == torch.ScalarType.Float32))
                buffer.copy_(name.EndsWith("running_var", StringComparison.Ordinal) ? torch.rand_like(buffer) + 0.5 : torch.randn_like(buffer) * 0.3);
        }
        var cnn = new CnnPredictionTransformer(
            new CnnModel(network, new BinaryClassificationTask(1f), new InputShape(4, PersistenceData.Length, encoder.Spec), torch.CPU, []), "Features", 16);
        var model = new TransformerChain<ITransformer>(encoder, cnn);

        var (loaded, _) = RoundTrip.SaveAndLoad(ml, model, data.Schema, _directory);

        RoundTrip.AssertSameScores<BinaryPrediction>(ml, model, loaded);
        var test = PersistenceData.Test(ml);
        Assert.Equal(OutputComparison.Dump(loaded.Transform(test)), OutputComparison.Dump(loaded.Transform(test)));
        var loadedNetwork = ((TransformerChain<ITransformer>)loaded).OfType<CnnPredictionTransformer>().Single().Model.Network;
        Assert.False(loadedNetwork.training);
        var expected = network.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        var actual = loadedNetwork.named_buffers().ToList();
        Assert.Equal(9, actual.Count); // running mean, variance and batch count of three batch norms
        Assert.All(actual, b => Assert.True(b.buffer.eq(expected[b.name]).all().item<bool>(), $"{b.name} differs after reloading"));
    }

    [Fact]
    public void Stock_transforms_before_the_encoder_and_nested_chains_are_saved_in_order()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var prefix = ml.Transforms.Text.NormalizeText("Lower", "Sequence", TextNormalizingEstimator.CaseMode.Lower)
            .Append(ml.Transforms.CopyColumns("Bases", "Lower"))
            .Fit(data);
        var rest = ml.Transforms.OneHotEncodeSequence("Features", "Bases", length: PersistenceData.Length)
            .Append(ml.BinaryClassification.Trainers.Cnn(Quick(new CnnBinaryTrainer.Options())))
            .Fit(prefix.Transform(data));
        var model = new TransformerChain<ITransformer>(prefix, rest);

        var (loaded, schema) = RoundTrip.SaveAndLoad(ml, model, data.Schema, _directory);

        RoundTrip.AssertSameScores<BinaryPrediction>(ml, model, loaded);
        Assert.Equal(OutputComparison.Describe(data.Schema), OutputComparison.Describe(schema));
        var kinds = ((TransformerChain<ITransformer>)loaded).Select(t => t.GetType().Name).ToArray();
        Assert.Equal(4, kinds.Length);
        Assert.Equal(nameof(Transforms.OneHotSequenceTransformer), kinds[2]);
        Assert.Equal(nameof(CnnPredictionTransformer), kinds[3]);
    }

    [Fact]
    public void A_single_transformer_and_a_stream_round_trip()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceData.Train(ml);
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: PersistenceData.Length).Fit(data);
        var cnn = ml.BinaryClassification.Trainers.Cnn(Quick(new CnnBinaryTrainer.Options())).Fit(encoder.Transform(data));

        // The CNN alone, saved with the encoded data's schema, to a stream.
        var encodedSchema = encoder.Transform(data).Schema;
        using var buffer = new MemoryStream();
        ml.Model.SaveCnn(cnn, encodedSchema, buffer);
        buffer.Position = 0;
        var loaded = ml.Model.LoadCnn(buffer, out var schema);

        var test = encoder.Transform(PersistenceData.Test(ml));
        OutputComparison.AssertIdentical(cnn.Transform(test), loaded.Transform(test));
        Assert.Equal(encodedSchema.Select(c => $"{c.Name}:{c.Type}"), schema.Select(c => $"{c.Name}:{c.Type}"));
        Assert.True(buffer.CanRead, "the stream is left open");
    }
}
