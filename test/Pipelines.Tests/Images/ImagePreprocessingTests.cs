using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Images;

/// <summary>What the ready-made pipeline's image steps hand the network: shape, channel order, scale.</summary>
public sealed class ImagePreprocessingTests : IDisposable
{
    private readonly ImageFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rgb_features_are_the_red_green_blue_planes_scaled_to_0_1()
    {
        var options = new ShapeImageOptions { Width = 20, Height = 12, Seed = 5 };
        var expected = ShapeImageSimulator.Generate(1, options);
        var ml = new MLContext(seed: 1);
        var data = ImageFolders.Load(ml, _folder.Write("rgb", 1, options), requireLabels: true);

        var features = ImageModels.Preprocessing(ml, 20, 12, grayscale: false).Fit(data).Transform(data);

        var type = Assert.IsType<VectorDataViewType>(features.Schema[ImageModels.FeaturesColumn].Type);
        Assert.Equal([3, 12, 20], type.Dimensions.ToArray());
        var rows = features.GetColumn<float[]>(ImageModels.FeaturesColumn).ToArray();
        var labels = data.GetColumn<string>("Label").ToArray();
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(expected.Single(e => e.Label == labels[i]).Pixels, rows[i]); // same size: resizing changes nothing
    }

    [Fact]
    public void Grayscale_features_are_one_plane_in_0_1()
    {
        var ml = new MLContext(seed: 1);
        var data = ImageFolders.Load(ml, _folder.Shapes("gray", 1, seed: 3, size: 16), requireLabels: true);

        var features = ImageModels.Preprocessing(ml, 8, 10, grayscale: true).Fit(data).Transform(data);

        var type = Assert.IsType<VectorDataViewType>(features.Schema[ImageModels.FeaturesColumn].Type);
        Assert.Equal([1, 10, 8], type.Dimensions.ToArray());
        var rows = features.GetColumn<float[]>(ImageModels.FeaturesColumn).ToArray();
        Assert.All(rows, r => Assert.All(r, v => Assert.InRange(v, 0f, 1f)));
        Assert.All(rows, r => Assert.True(r.Distinct().Count() > 5, "a grayscale image of a shape should have several levels"));
    }
}
