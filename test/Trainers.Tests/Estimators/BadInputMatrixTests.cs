using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Estimators;

/// <summary>
/// The API half of the bad-input matrix (docs/BAD-INPUT-MATRIX.md) that BadInputTests and the
/// Transforms/Pipelines tests do not already prove: each error names what and where.
/// </summary>
[Collection(TorchGlobalState.Name)]
public class BadInputMatrixTests
{
    public sealed class VectorRow
    {
        [VectorType(8)] public float[] Features { get; set; } = new float[8];
        public bool Label { get; set; }
        public float Value { get; set; }
    }

    public sealed class ClassRow
    {
        public string Sequence { get; set; } = "";
        public string Class { get; set; } = "";
    }

    public sealed class SequenceRow
    {
        public string Sequence { get; set; } = "";
    }

    private static NetworkSpec Tiny => new() { Trunk = [new ConvBlockSpec { Filters = 2, KernelSize = 2 }] };

    private static VectorRow[] Rows(int count) =>
        Enumerable.Range(0, count).Select(i => new VectorRow { Features = Enumerable.Repeat(0.5f, 8).ToArray(), Label = i % 2 == 0, Value = i }).ToArray();

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void An_infinite_feature_names_the_column_and_row(float bad)
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(40);
        rows[11].Features[5] = bad;
        var trainer = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1, Shuffle = false, Channels = 2, Network = Tiny });

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains("feature column 'Features', row 11 (0-based) holds a NaN or infinite value", error.Message);
    }

    [Theory]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void An_infinite_regression_label_names_the_column_and_row(float bad, string shown)
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(40);
        rows[29].Value = bad;
        var trainer = ml.Regression.Trainers.Cnn(new CnnRegressionTrainer.Options { Epochs = 1, Seed = 1, LabelColumnName = "Value", Channels = 2, Network = Tiny });

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains($"label column 'Value', row 29 (0-based): the label {shown} is not a finite number", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Binary_training_data_of_one_class_is_refused_after_the_first_epoch(bool label)
    {
        var ml = new MLContext(seed: 1);
        var rows = MotifData.Generate(40, seed: 3).Select(r => new MotifData.Row { Sequence = r.Sequence, Label = label }).ToList();
        var data = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var error = Assert.Throws<InvalidOperationException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, BatchSize = 8, Seed = 1 }).Fit(data));
        Assert.Contains($"label column 'Label' is {(label ? "true" : "false")} in all 40 training rows", error.Message);
    }

    [Fact]
    public void A_multiclass_label_with_one_class_only_is_refused_naming_the_class()
    {
        var ml = new MLContext(seed: 1);
        var rows = MotifData.Generate(40, seed: 63).Select(r => new ClassRow { Sequence = r.Sequence, Class = "plain" });
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50))
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Epochs = 1, Seed = 1 }));

        var error = Assert.Throws<ArgumentException>(() => pipeline.Fit(ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains("needs at least 2 classes (the label's key type has 1: 'plain')", error.Message);
    }

    [Fact]
    public void A_class_outside_a_key_mapping_learned_elsewhere_names_the_row()
    {
        // Scoring needs no label, so an unseen class cannot fail there. Training on a row whose class
        // is outside the declared key mapping (here learned from other data) names the row.
        var ml = new MLContext(seed: 1);
        var trainRows = MotifData.Generate(64, seed: 64).Select(r => new ClassRow { Sequence = r.Sequence, Class = r.Label ? "motif" : "plain" }).ToList();
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", "Class").Fit(ml.Data.LoadFromEnumerable(trainRows));
        var testRows = trainRows.Take(40).Select((r, i) => new ClassRow { Sequence = r.Sequence, Class = i == 7 ? "other" : r.Class }).ToList();
        var trainer = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Epochs = 1, Seed = 1, Shuffle = false }));

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(keys.Transform(ml.Data.LoadFromEnumerable(testRows))));

        Assert.Contains("label column 'Label', row 7 (0-based): the label is missing (key value 0, i.e. a value not among the training classes)", error.Message);
    }

    [Fact]
    public void Without_a_length_the_encoder_learns_the_longest_and_pads_shorter_sequences()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { "ACG", "ACGTACGT", "AC" }.Select(s => new SequenceRow { Sequence = s }));

        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(data);
        var encoded = encoder.Transform(data).GetColumn<float[]>("Features").ToArray();

        Assert.Equal(8, encoder.Spec.Length);
        Assert.All(encoded, e => Assert.Equal(4 * 8, e.Length));
        Assert.Equal(2, encoded[2].Sum()); // "AC": two one-hot positions, the rest zero padding
    }

    [Fact]
    public void A_longer_sequence_at_scoring_is_truncated_to_the_learned_length_as_the_anchor_says()
    {
        // Documented policy, not an error: the learned length is the model's fixed window, and a
        // longer sequence is encoded exactly like its first Length bases (Anchor = Left).
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(new[] { "ACGTA", "ACG" }.Select(s => new SequenceRow { Sequence = s }));
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(train);
        var score = ml.Data.LoadFromEnumerable(new[] { "ACGTACCCCC", "ACGTA" }.Select(s => new SequenceRow { Sequence = s }));

        var encoded = encoder.Transform(score).GetColumn<float[]>("Features").ToArray();

        Assert.Equal(5, encoder.Spec.Length);
        Assert.Equal(encoded[1], encoded[0]);
    }

    [Fact]
    public void A_longer_sequence_with_an_illegal_character_in_the_truncated_part_is_still_named()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(new[] { "ACGTA" }.Select(s => new SequenceRow { Sequence = s }));
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(train);
        var score = ml.Data.LoadFromEnumerable(new[] { "ACGTA", "ACGTACCCZC" }.Select(s => new SequenceRow { Sequence = s }));

        var error = Assert.Throws<InvalidOperationException>(() => encoder.Transform(score).GetColumn<float[]>("Features").ToArray());

        Assert.Contains("column 'Sequence'", error.Message);
        Assert.Contains("row 1 (0-based)", error.Message);
        Assert.Contains("'Z'", error.Message);
    }

    public sealed class ScoredSequence
    {
        public string Sequence { get; set; } = "";
        public float Value { get; set; }
    }

    [Fact]
    public void An_empty_sequence_while_learning_the_length_names_its_source_row_after_a_filter()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 10).Select(i => new ScoredSequence { Sequence = i == 7 ? "" : "ACGT", Value = i });
        var kept = ml.Data.FilterRowsByColumn(ml.Data.LoadFromEnumerable(rows), "Value", lowerBound: 5); // source rows 5..9

        var error = Assert.Throws<InvalidOperationException>(() => ml.Transforms.OneHotEncodeSequence("Features", "Sequence").Fit(kept));

        Assert.Contains("column 'Sequence'", error.Message);
        Assert.Contains("row 7 (0-based)", error.Message); // not 2, its position in the filtered view
    }

    [Fact]
    public void A_numeric_feature_column_where_a_sequence_is_expected_names_its_type()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(40));

        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.OneHotEncodeSequence("Encoded", "Value").Fit(data));

        Assert.Contains("input column 'Value' has type Single", error.Message);
        Assert.Contains("expected text", error.Message);
    }

    [Fact]
    public void A_text_label_for_regression_names_the_column_and_its_type()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50).Fit(MotifData.Load(ml, 40, 65)).Transform(MotifData.Load(ml, 40, 65));

        var error = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.Cnn(new CnnRegressionTrainer.Options { LabelColumnName = "Class", Epochs = 1 }).Fit(data));

        Assert.Contains("label column 'Class' has type String; this task needs Single (float)", error.Message);
    }

    [Fact]
    public void A_batch_larger_than_the_data_names_the_option_and_both_counts()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1, BatchSize = 100, Channels = 2, Network = Tiny });

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(Rows(40))));

        Assert.Contains("the training data has 40 rows, fewer than one batch (BatchSize = 100)", error.Message);
        Assert.Contains("BatchSize must be at least 1 (was 0)", Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { BatchSize = 0 })).Message);
    }

    [Fact]
    public void Zero_epochs_name_the_option_for_every_task()
    {
        var ml = new MLContext(seed: 1);
        Assert.Contains("Epochs must be at least 1 (was 0)", Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.Cnn(new CnnRegressionTrainer.Options { Epochs = 0 })).Message);
        Assert.Contains("Epochs must be at least 1 (was 0)", Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Epochs = 0 })).Message);
    }

    [Fact]
    public void A_kernel_longer_than_the_sequence_names_the_layer_and_both_sizes()
    {
        var ml = new MLContext(seed: 1);
        var network = new NetworkSpec { Name = "TooWide", Trunk = [new ConvBlockSpec { Filters = 2, KernelSize = 9 }] };
        var trainer = ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Epochs = 1, Seed = 1, Channels = 2, Network = network });

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(Rows(40))));

        Assert.Contains("Network 'TooWide', layer conv1", error.Message);
        Assert.Contains("spans 9 positions but its input has only 4", error.Message);
    }
}
