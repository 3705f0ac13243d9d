using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Estimators;

[Collection(TorchGlobalState.Name)]
public class BinaryTrainerTests
{
    private static CnnBinaryTrainer.Options Quick(int epochs = 12) => new() { Epochs = epochs, Seed = 1 };

    private static EstimatorChain<CnnPredictionTransformer> Pipeline(MLContext ml, CnnBinaryTrainer.Options? options = null) =>
        ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(options ?? Quick()));

    private static CnnBinaryTrainer.Options WithScoringBatch(CnnBinaryTrainer.Options options, int batch)
    {
        options.ScoringBatchSize = batch;
        return options;
    }

    public sealed class Prediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void Learns_a_planted_motif_and_the_stock_evaluator_reads_its_output()
    {
        var ml = new MLContext(seed: 1);
        var model = Pipeline(ml).Fit(MotifData.Load(ml, 800, seed: 1));
        var scored = model.Transform(MotifData.Load(ml, 300, seed: 2));

        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.True(metrics.Accuracy >= 0.95, $"accuracy {metrics.Accuracy}");
        Assert.True(metrics.AreaUnderRocCurve >= 0.97, $"auc {metrics.AreaUnderRocCurve}");
        Assert.True(metrics.LogLoss < 0.3, $"log loss {metrics.LogLoss}");
    }

    [Fact]
    public void Output_columns_have_MLNets_binary_types_and_pass_through_columns_survive()
    {
        var ml = new MLContext(seed: 1);
        var data = MotifData.Load(ml, 100, seed: 3);
        var estimator = Pipeline(ml, Quick(1));

        var shape = estimator.GetOutputSchema(Cnn.MLNet.Transforms.MLNetInterop.SchemaShapeFactory.FromSchema(data.Schema));
        var scored = estimator.Fit(data).Transform(data);

        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Probability"].Type);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        foreach (var name in new[] { "Score", "Probability", "PredictedLabel", "Features" })
            Assert.Contains(shape, c => c.Name == name);
        var original = ml.Data.CreateEnumerable<MotifData.Row>(data, false).Select(r => r.Sequence).ToList();
        Assert.Equal(original, scored.GetColumn<string>("Sequence").ToList());
        Assert.Equal(100, scored.GetColumn<float>("Score").Count());
    }

    [Fact]
    public void Batched_Transform_and_PredictionEngine_give_the_same_numbers()
    {
        var ml = new MLContext(seed: 1);
        var model = Pipeline(ml, WithScoringBatch(Quick(2), 7)).Fit(MotifData.Load(ml, 200, seed: 4));
        var test = MotifData.Generate(45, seed: 5); // 45 rows: six full batches of 7 and a partial one
        var scored = ml.Data.CreateEnumerable<Prediction>(model.Transform(ml.Data.LoadFromEnumerable(test)), false).ToList();
        var engine = ml.Model.CreatePredictionEngine<MotifData.Row, Prediction>(model);

        for (int i = 0; i < test.Count; i++)
        {
            var single = engine.Predict(test[i]);
            // A batch and a single row sum in different orders: equal within float rounding, not bit for bit
            // (rounding both to n decimals fails whenever a value sits on a rounding boundary).
            Assert.Equal(scored[i].Score, single.Score, 1e-5f);
            Assert.Equal(scored[i].Probability, single.Probability, 1e-6f);
            Assert.Equal(scored[i].PredictedLabel, single.PredictedLabel);
            Assert.Equal(1f / (1f + MathF.Exp(-single.Score)), single.Probability, 1e-6f);
            Assert.Equal(single.Score > 0, single.PredictedLabel);
        }
    }

    [Fact]
    public void Reading_only_the_scores_gives_the_same_rows_positions_and_ids_as_reading_them_with_input_columns()
    {
        var ml = new MLContext(seed: 1);
        var model = Pipeline(ml, WithScoringBatch(Quick(1), 7)).Fit(MotifData.Load(ml, 100, seed: 4));
        var scored = model.Transform(ml.Data.LoadFromEnumerable(MotifData.Generate(45, seed: 5))); // six full batches of 7 and a partial one
        var score = scored.Schema["Score"];

        var withInput = Read(scored, [score, scored.Schema["Sequence"]]);
        var scoresOnly = Read(scored, [score]); // no input column wanted: the cursor reads upstream once per row
        Assert.Equal(45, scoresOnly.Count);
        Assert.Equal(withInput, scoresOnly);

        static List<(long Position, DataViewRowId Id, float Score)> Read(IDataView view, DataViewSchema.Column[] columns)
        {
            using var cursor = view.GetRowCursor(columns);
            var getScore = cursor.GetGetter<float>(view.Schema["Score"]);
            var getId = cursor.GetIdGetter();
            var rows = new List<(long, DataViewRowId, float)>();
            float value = 0;
            DataViewRowId id = default;
            while (cursor.MoveNext())
            {
                getScore(ref value);
                getId(ref id);
                rows.Add((cursor.Position, id, value));
            }
            Assert.False(cursor.MoveNext()); // stays at the end
            return rows;
        }
    }

    [Fact]
    public void Disposing_a_PredictionEngine_leaves_the_model_usable()
    {
        var ml = new MLContext(seed: 1);
        var model = Pipeline(ml, Quick(1)).Fit(MotifData.Load(ml, 64, seed: 14));
        var row = MotifData.Generate(1, seed: 15)[0];

        float first;
        using (var engine = ml.Model.CreatePredictionEngine<MotifData.Row, Prediction>(model)) first = engine.Predict(row).Score;
        using (var again = ml.Model.CreatePredictionEngine<MotifData.Row, Prediction>(model)) Assert.Equal(first, again.Predict(row).Score);
        Assert.Equal(first, model.Transform(ml.Data.LoadFromEnumerable([row])).GetColumn<float>("Score").Single(), 5);
    }

    [Fact]
    public void Same_seed_same_data_gives_bit_identical_weights_and_scores()
    {
        float[] TrainAndScore(int seed)
        {
            var ml = new MLContext(seed: seed);
            var model = Pipeline(ml, new CnnBinaryTrainer.Options { Epochs = 2 }).Fit(MotifData.Load(ml, 200, seed: 6));
            var weights = model.LastTransformer.Model.Network.parameters().SelectMany(p => p.data<float>().ToArray());
            return weights.Concat(model.Transform(MotifData.Load(ml, 20, seed: 7)).GetColumn<float>("Score")).ToArray();
        }

        var first = TrainAndScore(11);
        Assert.Equal(first, TrainAndScore(11));          // exact equality, element by element
        Assert.NotEqual(first, TrainAndScore(12));
    }

    [Fact]
    public void Trainings_running_at_once_on_several_threads_stay_repeatable()
    {
        float[] Weights()
        {
            var ml = new MLContext(seed: 5);
            var spec = new NetworkSpec { Trunk = [new ConvBlockSpec { Filters = 8, KernelSize = 5, BatchNorm = true, Dropout = 0.2 }], Head = [new DenseLayerSpec { Units = 8, Dropout = 0.2 }] };
            var model = Pipeline(ml, new CnnBinaryTrainer.Options { Epochs = 2, Network = spec }).Fit(MotifData.Load(ml, 128, seed: 13));
            return model.LastTransformer.Model.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }

        var results = new float[4][];
        Parallel.For(0, results.Length, i => results[i] = Weights());

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(results[0], Weights());
    }

    [Fact]
    public void Fit_never_changes_the_options_or_the_estimator()
    {
        var ml = new MLContext(seed: 1);
        var options = Quick(1);
        var trainer = ml.BinaryClassification.Trainers.Cnn(options);
        var data = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(MotifData.Load(ml, 64, 8)).Transform(MotifData.Load(ml, 64, 8));

        var first = trainer.Fit(data);
        options.Epochs = 99;           // the trainer copied its options
        var second = trainer.Fit(data);

        Assert.Null(options.Network);
        Assert.Single(first.Model.History);
        Assert.Single(second.Model.History);
        Assert.Equal(first.Model.Spec.ToJson(), NetworkPresets.Default().ToJson());
    }

    [Fact]
    public void Without_a_network_the_trainer_uses_TwoBlock_and_Zou2019_for_inputs_too_short_for_it()
    {
        var ml = new MLContext(seed: 1);
        string Trained(int length)
        {
            var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: length);
            var data = MotifData.Load(ml, 64, 8);
            return ml.BinaryClassification.Trainers.Cnn(Quick(1)).Fit(encoder.Fit(data).Transform(data)).Model.Spec.Name;
        }
        Assert.Equal("TwoBlock", NetworkPresets.Default().Name);
        Assert.Equal("TwoBlock", Trained(34));
        Assert.Equal("Zou2019", Trained(33));
        Assert.Equal("Zou2019", NetworkPresets.DefaultFor(4, [20], 1).Name);
    }

    [Fact]
    public void Cross_validation_works_unchanged()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(MotifData.Load(ml, 300, 9)).Transform(MotifData.Load(ml, 300, 9));

        var folds = ml.BinaryClassification.CrossValidate(data, ml.BinaryClassification.Trainers.Cnn(Quick(8)), numberOfFolds: 3);

        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.True(f.Metrics.AreaUnderRocCurve > 0.9, $"fold auc {f.Metrics.AreaUnderRocCurve}"));
    }

    [Fact]
    public void Positive_weight_shifts_predictions_towards_the_positive_class()
    {
        var ml = new MLContext(seed: 1);
        var train = MotifData.Load(ml, 200, seed: 10);
        var test = MotifData.Load(ml, 200, seed: 11);
        double MeanProbability(float weight) =>
            Pipeline(ml, new CnnBinaryTrainer.Options { Epochs = 2, Seed = 3, PositiveWeight = weight }).Fit(train).Transform(test).GetColumn<float>("Probability").Average();

        Assert.True(MeanProbability(10f) > MeanProbability(1f) + 0.1);
    }
}
