using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Estimators;

[Collection(TorchGlobalState.Name)]
public class BadInputTests
{
    private static IDataView Encoded(MLContext ml, int rows, int seed = 61, int length = 50)
    {
        var data = MotifData.Load(ml, rows, seed);
        return ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: length).Fit(data).Transform(data);
    }

    private static CnnBinaryTrainer Binary(MLContext ml, Action<CnnBinaryTrainer.Options>? change = null)
    {
        var options = new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1 };
        change?.Invoke(options);
        return ml.BinaryClassification.Trainers.Cnn(options);
    }

    public sealed class ClassOnly
    {
        public string Class { get; set; } = "";
    }

    public sealed class VectorRow
    {
        [VectorType(8)] public float[] Features { get; set; } = new float[8];
        public bool Label { get; set; }
        public float Value { get; set; }
    }

    [Fact]
    public void A_missing_feature_column_is_named_with_the_available_ones()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => Binary(ml, o => o.FeatureColumnName = "Onehot").Fit(Encoded(ml, 40)));
        Assert.Contains("'Onehot'", error.Message);
        Assert.Contains("Features", error.Message);
    }

    [Fact]
    public void A_label_of_the_wrong_type_is_named_with_its_type()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => Binary(ml, o => o.LabelColumnName = "Count").Fit(Encoded(ml, 40)));
        Assert.Contains("label column 'Count' has type Single; this task needs Boolean", error.Message);

        var shapeError = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.Cnn().GetOutputSchema(
            Cnn.MLNet.Transforms.MLNetInterop.SchemaShapeFactory.FromSchema(Encoded(ml, 4).Schema)));
        Assert.Contains("label column 'Label'", shapeError.Message);
    }

    [Fact]
    public void Fewer_rows_than_a_batch_or_none_at_all_is_refused()
    {
        var ml = new MLContext(seed: 1);
        var few = Assert.Throws<InvalidOperationException>(() => Binary(ml).Fit(Encoded(ml, 10)));
        Assert.Contains("10 rows, fewer than one batch (BatchSize = 32)", few.Message);

        var empty = ml.Data.FilterRowsByColumn(Encoded(ml, 10), "Count", lowerBound: 100);
        Assert.Contains("no rows", Assert.Throws<InvalidOperationException>(() => Binary(ml).Fit(empty)).Message);
    }

    [Fact]
    public void A_NaN_feature_names_the_row()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 40).Select(i => new VectorRow { Features = Enumerable.Repeat(0.5f, 8).ToArray(), Label = i % 2 == 0 }).ToArray();
        rows[17].Features[3] = float.NaN;
        var trainer = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options
        {
            Epochs = 1,
            Seed = 1,
            Shuffle = false,
            Channels = 2,
            Network = new NetworkSpec { Trunk = [new ConvBlockSpec { Filters = 2, KernelSize = 2 }] },
        });

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("feature column 'Features', row 17 (0-based) holds a NaN", error.Message);
    }

    [Fact]
    public void A_NaN_regression_label_names_the_row_even_when_shuffled()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 40).Select(i => new VectorRow { Features = Enumerable.Repeat(0.5f, 8).ToArray(), Value = i }).ToArray();
        rows[23].Value = float.NaN;
        var trainer = ml.Regression.Trainers.Cnn(new CnnRegressionTrainer.Options
        {
            Epochs = 1,
            Seed = 1,
            LabelColumnName = "Value",
            Channels = 4,
            Network = new NetworkSpec { Trunk = [new ConvBlockSpec { Filters = 2, KernelSize = 2 }] },
        });

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("label column 'Value', row 23 (0-based): the label NaN is not a finite number", error.Message);
    }

    [Fact]
    public void A_label_outside_the_declared_classes_names_the_row()
    {
        var ml = new MLContext(seed: 1);
        var rows = MotifData.Generate(60, seed: 62);
        var known = ml.Data.LoadFromEnumerable(new[] { "A", "B", "AB" }.Select(c => new ClassOnly { Class = c }));
        int firstUnknown = rows.FindIndex(r => r.Class == "none");
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Class", keyData: known)
            .Append(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50))
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Epochs = 1, Seed = 1, Shuffle = false }));

        var error = Assert.Throws<InvalidOperationException>(() => pipeline.Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains($"row {firstUnknown} (0-based): the label is missing (key value 0", error.Message);
    }

    [Fact]
    public void Plain_vectors_need_the_channel_count()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new VectorRow { Label = i % 2 == 0 }));
        var missing = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn().Fit(data));
        Assert.Contains("set the Channels option", missing.Message);
        var ragged = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Channels = 3 }).Fit(data));
        Assert.Contains("8 values, which is not a whole number of positions for 3 channels", ragged.Message);
    }

    [Fact]
    public void Bad_options_fail_when_the_trainer_is_created_naming_the_option()
    {
        var ml = new MLContext(seed: 1);
        Assert.Contains("Epochs must be at least 1 (was 0)", Assert.Throws<ArgumentException>(() => Binary(ml, o => o.Epochs = 0)).Message);
        Assert.Contains("LearningRate", Assert.Throws<ArgumentException>(() => Binary(ml, o => o.LearningRate = -1)).Message);
        Assert.Contains("PositiveWeight", Assert.Throws<ArgumentException>(() => Binary(ml, o => o.PositiveWeight = 0)).Message);
        Assert.Contains("ClassWeights", Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { ClassWeights = [1, -1] })).Message);
    }

    [Fact]
    public void An_impossible_network_for_the_data_names_the_layer()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => Binary(ml, o => o.Network = NetworkPresets.Basset()).Fit(Encoded(ml, 40)));
        Assert.Contains("Network 'Basset', layer conv2", error.Message);
    }

    [Fact]
    public void Scoring_data_encoded_differently_from_training_is_refused()
    {
        var ml = new MLContext(seed: 1);
        var model = Binary(ml).Fit(Encoded(ml, 64));

        var error = Assert.Throws<InvalidOperationException>(() => model.Transform(Encoded(ml, 8, length: 60)));
        Assert.Contains("Length: expected 50, found 60", error.Message);
    }
}
