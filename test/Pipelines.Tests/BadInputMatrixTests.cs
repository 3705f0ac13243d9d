using Cnn.MLNet.Genomics;
using Cnn.MLNet.Pipelines.Tests.Images;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests;

/// <summary>
/// The file and image-folder half of the bad-input matrix (docs/BAD-INPUT-MATRIX.md) that the
/// other Pipelines tests do not already prove: each error names what and where.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class BadInputMatrixTests : IDisposable
{
    private readonly ImageFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteTsv(string name, params string[] lines)
    {
        string path = _folder.PathOf(name);
        File.WriteAllLines(path, ["Id\tSequence\tLabel", .. lines]);
        return path;
    }

    [Fact]
    public void A_header_only_file_trains_nothing_and_the_error_names_the_column()
    {
        var ml = new MLContext(seed: 1);
        var data = SequenceFiles.Load(ml, WriteTsv("empty.tsv"), new SequenceFileOptions { LabelKind = SequenceLabelKind.Boolean });

        var error = Assert.Throws<InvalidOperationException>(() => SequenceModels.Train(ml, data, null, new SequenceTrainingSettings { Training = { Epochs = 1, Seed = 1 } }));

        Assert.Contains("column 'Sequence'", error.Message);
        Assert.Contains("no rows", error.Message);
        var withLength = Assert.Throws<InvalidOperationException>(() => SequenceModels.Train(ml, data, null, new SequenceTrainingSettings { Training = { Epochs = 1, Seed = 1 }, Length = 40 }));
        Assert.Contains("the training data has no rows", withLength.Message);
    }

    [Fact]
    public void Image_training_on_one_class_names_the_column_and_the_class()
    {
        var ml = new MLContext(seed: 1);
        string folder = _folder.Shapes("one", 3, seed: 1, size: 16);
        Directory.Delete(Path.Combine(folder, "crosses"), recursive: true);
        Directory.Delete(Path.Combine(folder, "rings"), recursive: true);
        var data = ImageFolders.Load(ml, folder, requireLabels: true);

        var error = Assert.Throws<ArgumentException>(() => ImageModels.Train(ml, data, null, new ImageTrainingSettings { Width = 16, Height = 16, Training = { Epochs = 1, BatchSize = 2, Seed = 1 } }));

        Assert.Contains("Image training needs at least 2 classes; the training data's 'Label' column has 1 (bars)", error.Message);
    }

    [Fact]
    public void Evaluating_images_of_a_class_the_model_never_saw_names_the_file_and_the_label()
    {
        var ml = new MLContext(seed: 1);
        var train = ImageFolders.Load(ml, _folder.Shapes("train", 4, seed: 1, size: 16), requireLabels: true);
        var model = ImageModels.Train(ml, train, null, new ImageTrainingSettings { Width = 16, Height = 16, Training = { Epochs = 1, BatchSize = 4, Seed = 1 } });
        string test = _folder.Shapes("test", 2, seed: 2, size: 16);
        Directory.Move(Path.Combine(test, "rings"), Path.Combine(test, "stars"));
        string first = Path.Combine(test, "stars", "rings_0001.png");

        var error = Assert.Throws<InvalidDataException>(() => ImageModels.Evaluate(ml, model, ImageFolders.Load(ml, test, requireLabels: true)));

        Assert.Contains($"image '{first}' (row 4, 0-based) has the label 'stars', which is not one of the model's classes (bars, crosses, rings)", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_named_when_evaluating()
    {
        var ml = new MLContext(seed: 1);
        var train = ImageFolders.Load(ml, _folder.Shapes("train", 4, seed: 1, size: 16), requireLabels: true);
        var model = ImageModels.Train(ml, train, null, new ImageTrainingSettings { Width = 16, Height = 16, Training = { Epochs = 1, BatchSize = 4, Seed = 1 } });
        string test = _folder.Shapes("test", 2, seed: 2, size: 16);
        string text = Path.Combine(test, "bars", "bars_0002.png");
        File.WriteAllText(text, "this is a text file with a .png name");

        var error = Assert.Throws<InvalidDataException>(() => ImageModels.Evaluate(ml, model, ImageFolders.Load(ml, test, requireLabels: true)));

        Assert.Equal($"Cannot read image file '{text}': it is not an image SkiaSharp can decode (corrupt, truncated, empty, or an unsupported format).", error.Message);
    }

    [Fact]
    public void A_regression_file_with_text_labels_names_file_line_and_column()
    {
        var ml = new MLContext(seed: 1);
        string path = WriteTsv("text-labels.tsv", "r0\tACGT\t0.5", "r1\tACGT\tplain");
        var data = SequenceFiles.Load(ml, path, new SequenceFileOptions { LabelKind = SequenceModels.LabelKindFor(CnnTaskKind.Regression) });

        var error = Assert.ThrowsAny<Exception>(() => data.GetColumn<float>("Label").ToArray());

        Assert.Contains($"{path} line 3, column 'Label': 'plain' is not a number", error.Message);
    }
}
