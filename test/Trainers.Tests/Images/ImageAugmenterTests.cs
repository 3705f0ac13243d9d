using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Images;

/// <summary>Flips and shifts on known pixels, and the rules for when augmentation applies.</summary>
[Collection(TorchGlobalState.Name)]
public class ImageAugmenterTests
{
    // 2 channels × 3 rows × 4 columns: value = 100·channel + 10·row + column + 1 (never zero).
    private static float[] Image() => Enumerable.Range(0, 24).Select(i => (float)(100 * (i / 12) + 10 * (i % 12 / 4) + i % 4 + 1)).ToArray();

    private static ImageAugmenter Augmenter(ImageAugmentation? settings = null) => new(settings ?? new ImageAugmentation(), InputShape.Image(2, 3, 4), seed: 1);

    private static float At(float[] image, int c, int y, int x) => image[c * 12 + y * 4 + x];

    [Fact]
    public void Horizontal_flip_mirrors_columns_in_every_channel()
    {
        var image = Image();
        Augmenter().Transform(image, flipX: true, flipY: false, dx: 0, dy: 0);
        for (int c = 0; c < 2; c++)
            for (int y = 0; y < 3; y++)
                for (int x = 0; x < 4; x++)
                    Assert.Equal(100 * c + 10 * y + (3 - x) + 1, At(image, c, y, x));
    }

    [Fact]
    public void Vertical_flip_mirrors_rows()
    {
        var image = Image();
        Augmenter().Transform(image, flipX: false, flipY: true, dx: 0, dy: 0);
        Assert.Equal(Enumerable.Range(0, 4).Select(x => 20f + x + 1), Enumerable.Range(0, 4).Select(x => At(image, 0, 0, x)));
        Assert.Equal(Enumerable.Range(0, 4).Select(x => 100f + x + 1), Enumerable.Range(0, 4).Select(x => At(image, 1, 2, x)));
    }

    [Fact]
    public void A_shift_moves_content_and_fills_the_uncovered_edge_with_zeros()
    {
        var image = Image();
        Augmenter().Transform(image, flipX: false, flipY: false, dx: 1, dy: -1);
        for (int c = 0; c < 2; c++)
            for (int y = 0; y < 3; y++)
                for (int x = 0; x < 4; x++)
                {
                    int sy = y + 1, sx = x - 1;
                    float expected = sy < 3 && sx >= 0 ? 100 * c + 10 * sy + sx + 1 : 0;
                    Assert.Equal(expected, At(image, c, y, x));
                }
    }

    [Fact]
    public void Batches_are_augmented_per_image_deterministically_and_keep_their_pixels_when_not_shifted()
    {
        var settings = new ImageAugmentation { HorizontalFlip = true, VerticalFlip = true, MaxShift = 0 };
        float[] Run()
        {
            var batch = Enumerable.Range(0, 20).SelectMany(_ => Image()).ToArray();
            Augmenter(settings).Apply(batch, 20);
            return batch;
        }
        var first = Run();
        Assert.Equal(first, Run());                                   // same seed, same draws
        var rows = first.Chunk(24).ToList();
        Assert.True(rows.Select(r => string.Join(",", r)).Distinct().Count() >= 3, "different images get different flips");
        Assert.All(rows, r => Assert.Equal(Image().Order(), r.Order())); // flips only rearrange pixels
        Assert.Contains(rows, r => r.SequenceEqual(Image()));           // some images are left as they are
    }

    [Fact]
    public void Augmentation_is_refused_for_sequences_and_for_a_negative_shift()
    {
        Assert.Throws<ArgumentException>(() => new ImageAugmenter(new ImageAugmentation(), new InputShape(4, 20, null), 1));
        var ml = new MLContext(seed: 1);
        var data = Cnn.MLNet.Tests.Shared.MotifData.Load(ml, 40, seed: 1);
        var pipeline = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Augmentation = new ImageAugmentation(), Epochs = 1 }));
        Assert.Contains("Augmentation flips and shifts images, but feature column 'Features' holds sequences (4 × 50)",
            Assert.Throws<ArgumentException>(() => pipeline.Fit(data)).Message);
        Assert.Contains("Augmentation.MaxShift must not be negative",
            Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Augmentation = new ImageAugmentation { MaxShift = -1 } })).Message);
    }

    [Fact]
    public void Training_with_augmentation_differs_from_training_without_and_still_learns()
    {
        var ml = new MLContext(seed: 1);
        var train = ImageData.Rgb(ml, 60, seed: 11);
        var test = ImageData.Rgb(ml, 30, seed: 12);
        double Accuracy(ImageAugmentation? augmentation, out float[] firstScore)
        {
            var model = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnMulticlassTrainer.Options
                {
                    Network = NetworkPresets.LeNet5(),
                    Epochs = 12,
                    LearningRate = 3e-3,
                    Seed = 4,
                    Augmentation = augmentation,
                }))
                .Fit(train);
            var scored = model.Transform(test);
            firstScore = scored.GetColumn<float[]>("Score").First();
            return ml.MulticlassClassification.Evaluate(scored).MicroAccuracy;
        }
        // Shifts and vertical flips keep a bar's direction; a horizontal flip would turn "\" into "/", which is still "diagonal".
        double plain = Accuracy(null, out var plainScore);
        double augmented = Accuracy(new ImageAugmentation { HorizontalFlip = true, VerticalFlip = true, MaxShift = 2 }, out var augmentedScore);
        Assert.NotEqual(plainScore, augmentedScore);
        Assert.True(augmented >= 0.8, $"accuracy with augmentation {augmented:F3} (without: {plain:F3})");
    }
}
