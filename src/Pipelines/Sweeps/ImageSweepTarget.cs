using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>Sweeps <see cref="ImageModels"/> (multiclass): the base settings with each trial's network and training options.</summary>
internal sealed class ImageSweepTarget(MLContext ml, ImageTrainingSettings settings) : ISweepTarget
{
    public CnnTaskKind Task => CnnTaskKind.MulticlassClassification;

    public CnnSearchSpace DefaultSpace => CnnSearchSpace.ForImages();

    public IReadOnlyList<string> Presets =>
        [.. new[] { settings.NetworkOrDefault().Name, "LeNet5", "SmallResNet", "SmallVgg", "Geron" }.Where(NetworkPresets.ByName.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase)];

    public bool HasStrands => false;

    public (double LearningRate, int BatchSize) BaseTraining => (settings.Training.LearningRate, settings.Training.BatchSize);

    public void CheckFits(CnnTrialOptions trial)
    {
        if (trial.ReverseComplement) throw new ArgumentException("reverse-complement handling does not apply to images");
        if (trial.EncodingOrder != 1) throw new ArgumentException("k-mer encoding orders apply to sequences, not images");
        NetworkShapes.Infer(trial.ToNetwork(), settings.Grayscale ? 1 : 3, settings.Height, settings.Width, outputs: 2);
    }

    public ITransformer Train(IDataView train, IDataView? validation, CnnTrialOptions trial, int? patience, int seed,
        IProgress<EpochReport>? progress, CancellationToken cancel) =>
        ImageModels.Train(ml, train, validation, new ImageTrainingSettings
        {
            Width = settings.Width,
            Height = settings.Height,
            Grayscale = settings.Grayscale,
            Augmentation = settings.Augmentation,
            CacheImages = settings.CacheImages,
            Training = TrialTraining.For(settings.Training, trial, patience, seed, progress),
            Recovery = new TrainingRecovery { CancellationToken = cancel },
        });

    public SequenceMetrics Evaluate(ITransformer model, IDataView data) => ImageModels.Evaluate(ml, model, data);

    public void Release(ITransformer model) => CnnChain.FindCnn(model).Model.Dispose();
}
