using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>The Conv2D trainer on generated bar images whose class (bar direction) is known.</summary>
[Collection(TorchGlobalState.Name)]
public class ImageTrainerTests
{
    private static EstimatorChain<CnnPredictionTransformer> Pipeline(MLContext ml, CnnMulticlassTrainer.Options options) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(options));

    [Fact]
    public void LeNet5_learns_bar_directions_from_a_column_that_declares_its_image_dimensions()
    {
        var ml = new MLContext(seed: 1);
        var model = Pipeline(ml, new CnnMulticlassTrainer.Options { Network = NetworkPresets.LeNet5(), Epochs = 12, LearningRate = 3e-3, Seed = 1 })
            .Fit(ImageData.Rgb(ml, 100, seed: 1));
        var scored = model.Transform(ImageData.Rgb(ml, 40, seed: 2));
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MicroAccuracy >= 0.9, $"held-out accuracy {metrics.MicroAccuracy:F3}");

        var cnn = model.LastTransformer;
        Assert.Equal("3 × 16 × 16", cnn.Model.Input.ToString());
        Assert.True(cnn.Model.Input.IsImage);
        Assert.Equal(16, cnn.Model.Network.InputHeight);
    }

    [Fact]
    public void A_plain_vector_column_is_read_as_the_declared_channels_by_height_by_width()
    {
        var ml = new MLContext(seed: 1);
        var options = new CnnMulticlassTrainer.Options { Network = NetworkPresets.LeNet5(), Epochs = 12, LearningRate = 3e-3, Seed = 2, Channels = 1, Height = 16, Width = 16 };
        var model = Pipeline(ml, options).Fit(ImageData.Flat(ml, 100, seed: 3));
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(ImageData.Flat(ml, 40, seed: 4)));
        Assert.True(metrics.MicroAccuracy >= 0.85, $"held-out accuracy {metrics.MicroAccuracy:F3}");
        var cnn = model.LastTransformer;
        Assert.Equal("1 × 16 × 16", cnn.Model.Input.ToString());

        // Width may be left out (it follows from the size).
        Assert.Equal(InputShape.Image(1, 16, 16), InputShape.FromColumn(ImageData.Flat(ml, 1, 1).Schema["Features"], 1, 16, null));
    }

    [Fact]
    public void A_saved_image_model_reloads_and_scores_identically()
    {
        var ml = new MLContext(seed: 1);
        var data = ImageData.Rgb(ml, 20, seed: 5);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var trained = ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Network = NetworkPresets.SmallResNet(), Epochs = 1, Seed = 3, BatchSize = 16 }).Fit(keyed);
        var env = Cnn.MLNet.Transforms.MLNetInterop.HostEnvironmentAccess.FromCatalog(ml.MulticlassClassification);
        var reloaded = CnnTransformerSerializer.Load(env, CnnTransformerSerializer.Save(trained));
        Assert.Equal(trained.Model.Input, reloaded.Model.Input);
        Assert.Contains("\"height\": 16", System.Text.Encoding.UTF8.GetString(CnnTransformerSerializer.Save(trained).Config));

        var before = trained.Transform(keyed).GetColumn<float[]>("Score").ToList();
        var after = reloaded.Transform(keyed).GetColumn<float[]>("Score").ToList();
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++) Assert.Equal(before[i], after[i]);
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_errors_naming_the_column()
    {
        var ml = new MLContext(seed: 1);
        var rgb = ImageData.Rgb(ml, 2, seed: 1);
        var flat = ImageData.Flat(ml, 2, seed: 1);

        string Fit(IDataView data, CnnMulticlassTrainer.Options options) =>
            Assert.Throws<ArgumentException>(() => Pipeline(ml, options).Fit(data)).Message;

        Assert.Contains("feature column 'Features' holds images of 3 × 16 × 16 (channels × height × width), but the options declare 1 × 16 × ?",
            Fit(rgb, new CnnMulticlassTrainer.Options { Channels = 1, Height = 16 }));
        Assert.Contains("feature column 'Features' has 256 values, which does not fit the declared image shape 1 × 16 × 15 (240 values)",
            Fit(flat, new CnnMulticlassTrainer.Options { Channels = 1, Height = 16, Width = 15 }));
        Assert.Contains("not a whole number of columns of 3 × 16",
            Fit(flat, new CnnMulticlassTrainer.Options { Channels = 3, Height = 16 }));
        Assert.Contains("Height is set for feature column 'Features', so set Channels too",
            Fit(flat, new CnnMulticlassTrainer.Options { Height = 16 }));
        Assert.Contains("Width is set for feature column 'Features' but Height is not",
            Fit(flat, new CnnMulticlassTrainer.Options { Channels = 1, Width = 16 }));
        Assert.Contains("Network 'Basset', layer conv1",
            Fit(rgb, new CnnMulticlassTrainer.Options { Network = NetworkPresets.Basset() }));
    }

    [Fact]
    public void A_column_of_unknown_size_asks_for_a_resize_step()
    {
        var ml = new MLContext(seed: 1);
        var rows = new[] { new VariableRow { Label = "a", Features = [1, 2, 3] }, new VariableRow { Label = "b", Features = [1, 2] } };
        var error = Assert.Throws<ArgumentException>(() => Pipeline(ml, new CnnMulticlassTrainer.Options { Channels = 1, Height = 1 }).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("feature column 'Features' is a vector of unknown size", error.Message);
        Assert.Contains("ml.Transforms.ResizeImages", error.Message);
    }

    [Fact]
    public void Interleaved_pixels_are_refused_unless_the_channels_are_declared()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new InterleavedRow { Label = "ab"[i % 2].ToString(), Features = new float[16 * 16 * 3] }).ToList());
        var error = Assert.Throws<ArgumentException>(() => Pipeline(ml, new CnnMulticlassTrainer.Options { Epochs = 1 }).Fit(data));
        Assert.Contains("feature column 'Features' has dimensions 16 × 16 × 3, which look like interleaved pixels", error.Message);
        Assert.Contains("interleavePixelColors: false", error.Message);
        Assert.Equal(InputShape.Image(16, 16, 3), InputShape.FromColumn(data.Schema["Features"], 16, null, null));
    }

    private sealed class InterleavedRow
    {
        public string Label { get; set; } = "";
        [VectorType(16, 16, 3)] public float[] Features { get; set; } = [];
    }

    private sealed class VariableRow
    {
        public string Label { get; set; } = "";
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void Scoring_images_of_another_size_is_an_error_naming_the_column_and_both_shapes()
    {
        var ml = new MLContext(seed: 1);
        var model = Pipeline(ml, new CnnMulticlassTrainer.Options { Network = NetworkPresets.SmallResNet(), Epochs = 1, Seed = 1, BatchSize = 8 }).Fit(ImageData.Rgb(ml, 4, 1));
        var other = ml.Data.LoadFromEnumerable(new[] { new SmallRgbRow { Label = "horizontal", Features = new float[3 * 8 * 8] } });
        var error = Assert.Throws<ArgumentException>(() => model.Transform(other));
        Assert.Contains("feature column 'Features' has images of 3 × 8 × 8 but the model takes images of 3 × 16 × 16", error.Message);
    }

    private sealed class SmallRgbRow
    {
        public string Label { get; set; } = "";
        [VectorType(3, 8, 8)] public float[] Features { get; set; } = [];
    }
}
