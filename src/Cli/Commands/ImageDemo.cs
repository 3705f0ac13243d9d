using Cnn.MLNet.Cli.Console;
using Cnn.MLNet.Pipelines;
using Cnn.MLNet.Trainers;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// <c>cnn-mlnet demo --images</c>: the image job on built-in data. Writes generated shape images
/// (bars, crosses, rings; 32 × 32 PNG, one sub-folder per class) into a folder that is kept, so
/// <c>evaluate</c> and <c>predict --images</c> can be tried on it next; trains LeNet-5 through
/// ML.NET's image transforms on 80 % with flips and shifts, prints the held-out metrics and saves
/// the model.
/// </summary>
internal static class ImageDemo
{
    public const int PerClass = 500;

    public static int Run(CliConsole console, string folder, int epochs, int seed, string modelPath, bool json)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new CliUserException($"The image folder '{folder}' already exists and is not empty; give another --image-folder or remove it.");
        ShapeImageSimulator.WriteFolders(folder, PerClass, new ShapeImageOptions { Seed = seed });
        var ml = CliContext.Create(seed);
        var all = ImageFolders.Load(ml, folder, requireLabels: true);
        var split = ml.Data.TrainTestSplit(all, testFraction: 0.2, seed: seed);
        console.Status($"Wrote {3 * PerClass:N0} shape images (bars, crosses, rings; 32 × 32 PNG) to {folder}; training LeNet5 on 80 % with random flips and shifts.");

        var settings = new ImageTrainingSettings
        {
            Width = 32,
            Height = 32,
            Training = { Network = NetworkPresets.LeNet5(), Epochs = epochs, Seed = seed },
            // Without augmentation LeNet-5 overfits 1,200 training shapes (held-out 0.93; BENCHMARKS.md).
            Augmentation = new ImageAugmentation { HorizontalFlip = true, VerticalFlip = true, MaxShift = 2 },
        };
        return TrainingRun.TrainEvaluateSave(console, ml, settings, split.TrainSet, null, split.TestSet, all.Schema, modelPath, json);
    }
}
