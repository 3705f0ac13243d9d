using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Cnn.MLNet.Transforms.OneHot;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines;

/// <summary>Sweeps <see cref="SequenceModels"/>: the base settings with each trial's network and training options.</summary>
internal sealed class SequenceSweepTarget : ISweepTarget
{
    private readonly MLContext _ml;
    private readonly SequenceTrainingSettings _settings;
    private readonly int _channels, _length;

    public SequenceSweepTarget(MLContext ml, IDataView data, SequenceTrainingSettings settings)
    {
        _ml = ml;
        _settings = settings;
        // The input shape every trial's network must take: the encoder learns the length the pipeline will use.
        var spec = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            OutputColumnName = "Features",
            Alphabet = settings.Alphabet,
            Length = settings.Length,
        }).Fit(data).Spec;
        (_channels, _length) = (spec.ChannelCount, spec.Length);
    }

    public CnnTaskKind Task => _settings.Task;

    public CnnSearchSpace DefaultSpace => CnnSearchSpace.ForSequences();

    public IReadOnlyList<string> Presets =>
        [.. new[] { NetworkPresets.Default().Name, "Zou2019", "DeepBind", "Basset", "DilatedResNet" }.Distinct(StringComparer.OrdinalIgnoreCase)];

    public bool HasStrands => _settings.Alphabet != SequenceAlphabet.Protein && !(_settings.ReverseComplementAugment && _settings.ReverseComplementAverage);

    public (double LearningRate, int BatchSize) BaseTraining => (_settings.Training.LearningRate, _settings.Training.BatchSize);

    public void CheckFits(CnnTrialOptions trial)
    {
        if (trial.ReverseComplement && _settings.Alphabet == SequenceAlphabet.Protein)
            throw new ArgumentException("reverse-complement handling does not apply to protein sequences");
        // A k-mer encoding has letters^k channels and length − k + 1 positions.
        long channels = KmerChannels.Count(_channels, trial.EncodingOrder);
        if (trial.EncodingOrder > _length) throw new ArgumentException($"encoding order {trial.EncodingOrder} needs sequences of at least {trial.EncodingOrder} bases (they have {_length})");
        if (channels > SequenceEncodingSpec.MaxKmerChannels) throw new ArgumentException($"encoding order {trial.EncodingOrder} gives {channels} channels, more than the encoder's {SequenceEncodingSpec.MaxKmerChannels}");
        NetworkShapes.Infer(trial.ToNetwork(), (int)channels, _length - trial.EncodingOrder + 1, outputs: 1);
    }

    public ITransformer Train(IDataView train, IDataView? validation, CnnTrialOptions trial, int? patience, int seed,
        IProgress<EpochReport>? progress, CancellationToken cancel)
    {
        var s = _settings;
        return SequenceModels.Train(_ml, train, validation, new SequenceTrainingSettings
        {
            // The length every network was checked against, not each fold's own longest sequence.
            Task = s.Task,
            Alphabet = s.Alphabet,
            Length = _length,
            Order = trial.EncodingOrder,
            ReverseComplementAugment = s.ReverseComplementAugment || trial.ReverseComplement,
            MaxShift = s.MaxShift,
            ReverseComplementAverage = s.ReverseComplementAverage || trial.ReverseComplement,
            Training = TrialTraining.For(s.Training, trial, patience, seed, progress),
            Recovery = new TrainingRecovery { CancellationToken = cancel },
        });
    }

    public SequenceMetrics Evaluate(ITransformer model, IDataView data) => SequenceModels.Evaluate(_ml, model, data);

    public void Release(ITransformer model) => CnnChain.FindCnn(model).Model.Dispose();
}
