using Cnn.MLNet.Pipelines.Tests.Images;
using Cnn.MLNet.Pipelines.Tests.Persistence;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Cnn.MLNet.Pipelines.Tests.Sweeps;

[Collection(TorchCollection.Name)]
public sealed class ImageSweepTests(ITestOutputHelper output) : IDisposable
{
    private readonly ImageFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_image_sweep_ranks_trials_on_held_out_images_and_refits_an_image_model()
    {
        var ml = new MLContext(1);
        var images = ImageFolders.Load(ml, _folder.Shapes("sweep", 30, seed: 3, size: 16), requireLabels: true);
        var result = CnnSweep.Images(ml, images, new ImageTrainingSettings { Width = 16, Height = 16 }, new CnnSweepOptions
        {
            // Three 3×3 blocks with 2×2 pooling leave no positions in 16-pixel images after the third: such draws are skipped.
            SearchSpace = new CnnSearchSpace { Filters = [4, 8], KernelSizes = [3, 5], ConvBlocks = [1, 3], DeeperKernelSizes = [3], Pools = [Trainers.Pooling.Max], PoolSizes = [2], DenseUnits = [0] },
            Trials = 3,
            SuccessiveHalving = false,
            MaxEpochs = 2,
            Seed = 2,
            WarmStart = false,
        });
        output.WriteLine(result.Leaderboard.ToTable());

        Assert.Equal("microAccuracy", result.Leaderboard.Metric.Name);
        Assert.All(result.Leaderboard.Trials, t => Assert.True(t.IsRanked));
        Assert.All(result.Leaderboard.Trials, t => Assert.InRange(t.Mean, 0, 1));
        Assert.DoesNotContain(result.Leaderboard.Trials, t => t.Options.ConvBlocks == 3 && t.Options.KernelSize == 5);
        Assert.True(ImageModels.IsImageModel(result.Model!));
        var metrics = ImageModels.Evaluate(ml, result.Model!, images);
        Assert.Equal(90, metrics.Rows);
    }
}
