using System.Diagnostics;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;

namespace Cnn.MLNet.Pipelines.Tests.Images;

[Collection(TorchCollection.Name)]
public sealed class ImageTrainingTests(ITestOutputHelper output) : IDisposable
{
    private readonly ImageFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A 2-epoch model on a few images: enough to check plumbing, not accuracy.</summary>
    private (ITransformer Model, IDataView Train) Quick(MLContext ml, bool grayscale = false)
    {
        var train = ImageFolders.Load(ml, _folder.Shapes("quick", 8, seed: 11, size: 20), requireLabels: true);
        var settings = new ImageTrainingSettings { Width = 16, Height = 16, Grayscale = grayscale, Training = { Epochs = 2, BatchSize = 8, Seed = 1 } };
        return (ImageModels.Train(ml, train, null, settings), train);
    }

    [Fact]
    public void LeNet5_learns_the_shapes_and_beats_chance_clearly_on_held_out_images()
    {
        using var oneThread = new OneIntraOpThread();
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: 1);
        // Measured (held-out accuracy, data/model seeds 1–3): 60 per class overfits (train 1.0, held-out
        // about 0.72); 150 per class × 30 epochs gives 0.80–0.82; 300 per class × 20 epochs 0.90–0.92.
        var train = ImageFolders.Load(ml, _folder.Shapes("train", 300, seed: 1, size: 28), requireLabels: true, minimumClasses: 2);
        var test = ImageFolders.Load(ml, _folder.Shapes("test", 30, seed: 2, size: 28), requireLabels: true);

        var model = ImageModels.Train(ml, train, null, new ImageTrainingSettings { Width = 28, Height = 28, Training = { Epochs = 20, BatchSize = 16, Seed = 1 } });
        var metrics = ImageModels.Evaluate(ml, model, test);
        output.WriteLine($"held-out micro {metrics["microAccuracy"]:F3}, macro {metrics["macroAccuracy"]:F3}, log loss {metrics["logLoss"]:F3}; {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal("multiclass", metrics.TaskName);
        Assert.Equal(90, metrics.Rows);
        Assert.True(metrics["microAccuracy"] >= 0.8, $"held-out accuracy {metrics["microAccuracy"]:F3}");
        Assert.True(metrics["logLoss"] < Math.Log(3), $"log loss {metrics["logLoss"]:F3}");
        Assert.Equal(new ImageModelInput(28, 28, Grayscale: false), ImageModels.Describe(model));
        Assert.Equal("LeNet5", SequenceModelsCnn(model).Model.Spec.Name);

        var predictions = ImageModels.Predict(ml, model, test);
        Assert.Equal(["ImagePath", "Label", "Score", "PredictedLabel", "PredictedClass"], predictions.Schema.Where(c => !c.IsHidden).Select(c => c.Name));
        var predicted = predictions.GetColumn<string>("PredictedClass").ToArray();
        var actual = test.GetColumn<string>("Label").ToArray();
        Assert.Equal(metrics["microAccuracy"], predicted.Zip(actual).Count(p => p.First == p.Second) / (double)actual.Length, 6);
    }

    [Fact]
    public void The_whole_chain_saves_and_loads_with_SaveCnn_and_scores_identically()
    {
        var ml = new MLContext(seed: 1);
        var (model, train) = Quick(ml, grayscale: true);
        string path = _folder.PathOf("model.zip");

        ml.Model.SaveCnn(model, train.Schema, path);
        var loaded = new MLContext(seed: 2).Model.LoadCnn(path, out var schema);

        Assert.Equal(["ImagePath", "Label"], schema.Select(c => c.Name));
        Assert.True(ImageModels.IsImageModel(loaded));
        Assert.Equal(new ImageModelInput(16, 16, Grayscale: true), ImageModels.Describe(loaded));
        var before = model.Transform(train).GetColumn<float[]>("Score").ToArray();
        var after = loaded.Transform(train).GetColumn<float[]>("Score").ToArray();
        Assert.Equal(before, after);
        Assert.Equal(model.Transform(train).GetColumn<string>("PredictedClass"), loaded.Transform(train).GetColumn<string>("PredictedClass"));
        Assert.True(before.Select(s => s[0]).Distinct().Count() > 5, "the scores should vary");
    }

    [Fact]
    public void A_corrupt_or_missing_image_is_named_in_training_evaluation_and_prediction()
    {
        var ml = new MLContext(seed: 1);
        string folder = _folder.Shapes("bad", 4, seed: 3, size: 16);
        string corrupt = Path.Combine(folder, "crosses", "crosses_0003.png");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(corrupt)[..20]); // cut inside the header (SkiaSharp decodes a file cut later as a partial image, without error)
        var data = ImageFolders.Load(ml, folder, requireLabels: true);
        var settings = new ImageTrainingSettings { Width = 16, Height = 16, Training = { Epochs = 1, BatchSize = 4, Seed = 1 } };

        var training = Assert.Throws<InvalidDataException>(() => ImageModels.Train(ml, data, null, settings));
        Assert.Equal($"Cannot read image file '{corrupt}': it is not an image SkiaSharp can decode (corrupt, truncated, empty, or an unsupported format).", training.Message);
        Assert.Contains("Invalid input stream contents", training.InnerException!.ToString()); // ML.NET's own message, kept inside

        var (model, _) = Quick(ml);
        var evaluation = Assert.Throws<InvalidDataException>(() => ImageModels.Evaluate(ml, model, data));
        Assert.Contains($"'{corrupt}'", evaluation.Message);

        File.Delete(corrupt);
        var scoring = Assert.Throws<InvalidDataException>(() => ImageReadErrors.Translate(data, () => ImageModels.Predict(ml, model, data).GetColumn<string>("PredictedClass").ToList()));
        Assert.StartsWith($"Cannot read image file '{corrupt}': Could not find file", scoring.Message);
    }

    [Fact]
    public void Images_of_mixed_sizes_without_ResizeImages_are_refused_before_training()
    {
        var ml = new MLContext(seed: 1);
        _folder.Write("mixed", 2, new ShapeImageOptions { Width = 16, Height = 16, Seed = 1 });
        _folder.Write("mixed", 1, new ShapeImageOptions { Width = 20, Height = 12, Seed = 2 }); // replaces the first of each class
        var data = ImageFolders.Load(ml, _folder.PathOf("mixed"), requireLabels: true);
        var trainer = ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options { Network = NetworkPresets.LeNet5(), Epochs = 1, BatchSize = 2 });

        // ML.NET's ExtractPixels itself refuses images of unknown size, before the trainer sees a column.
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", null!, "ImagePath"))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: 1f / 255))
            .Append(trainer);
        var stock = Assert.ThrowsAny<ArgumentException>(() => pipeline.Fit(data));
        Assert.Contains("Schema mismatch for input column 'Image': expected known-size image, got unknown-size image", stock.Message);

        // Pixels that arrive as vectors of unknown size any other way reach the trainer, which says what to do.
        var rows = ImageFolders.List(_folder.PathOf("mixed"), requireLabels: true)
            .Select(r => new VariablePixels { Label = r.Label, Features = new float[File.ReadAllBytes(r.Path).Length % 7 + 3] }).ToList();
        var variable = ml.Transforms.Conversion.MapValueToKey("Label").Append(trainer);
        var advice = Assert.Throws<ArgumentException>(() => variable.Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("feature column 'Features' is a vector of unknown size", advice.Message);
        Assert.Contains("resize them (ml.Transforms.ResizeImages) before ExtractPixels", advice.Message);
    }

    private sealed class VariablePixels
    {
        public string Label { get; set; } = "";
        public float[] Features { get; set; } = [];
    }

    /// <summary>
    /// One libtorch intra-op thread for the scope: on this 2-core VM, two threads make a network this
    /// small both slower and erratic when other processes share the CPU (3–5 s with one thread,
    /// 5–70 s with two for the same training; BENCHMARKS.md says the same of the benchmarks).
    /// </summary>
    private sealed class OneIntraOpThread : IDisposable
    {
        private readonly int _before;

        public OneIntraOpThread()
        {
            Trainers.TorchRuntime.EnsureInitialized();
            _before = TorchSharp.torch.get_num_threads();
            TorchSharp.torch.set_num_threads(1);
        }

        public void Dispose() => TorchSharp.torch.set_num_threads(_before);
    }

    private static Cnn.MLNet.Trainers.CnnPredictionTransformer SequenceModelsCnn(ITransformer model) => CnnChain.FindCnn(model);
}
