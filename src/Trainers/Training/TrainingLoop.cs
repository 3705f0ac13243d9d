using System.Diagnostics;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Trains a <see cref="CnnNetwork"/>: epochs of shuffled batches (one tensor per batch, one
/// dispose scope per step), the optimiser and schedule, gradient clipping, an optional
/// validation pass per epoch with early stopping, and the best epoch's weights kept.
/// </summary>
internal sealed class TrainingLoop
{
    private readonly IHostEnvironment _ml;
    private readonly CnnTrainerOptions _options;
    private readonly CnnTask _task;
    private readonly InputShape _input;
    private readonly NetworkSpec? _defaultNetwork;

    public TrainingLoop(IHostEnvironment ml, CnnTrainerOptions options, CnnTask task, InputShape input, NetworkSpec? defaultNetwork = null)
    {
        _defaultNetwork = defaultNetwork;
        _ml = ml;
        _options = options;
        _task = task;
        _input = input;
    }

    // TorchSharp draws weight initialisation and dropout masks from one process-wide generator, so
    // two trainings running at once would interleave their draws and neither would be repeatable.
    // Training is serialised per process (each run already uses every core through libtorch's
    // intra-op threads); scoring draws nothing and stays concurrent.
    private static readonly Lock TrainingGate = new();

    public CnnModel Train(IDataView train, IDataView? validation)
    {
        lock (TrainingGate) return TrainAlone(train, validation);
    }

    // The documented rule of NetworkPresets.DefaultFor: the default network, or Zou2019 when the input is too short for it.
    private NetworkSpec DefaultNetwork() => _defaultNetwork ?? NetworkPresets.DefaultFor(_input.Channels, _input.Height is int h ? [h, _input.Length] : [_input.Length], _task.Outputs);

    private CnnModel TrainAlone(IDataView train, IDataView? validation)
    {
        // Known row counts let a too-small dataset fail before any work; streamed data is checked after epoch 1.
        // Settings that cannot work fail before the data is touched.
        var start = _options.StartFrom;
        if (start != null) FineTuning.CheckInput(start, _input);
        if (_options.Augmentation != null && !_input.IsImage)
            throw new ArgumentException($"Cnn trainer: Augmentation flips and shifts images, but feature column '{_options.FeatureColumnName}' holds sequences ({_input}). Leave Augmentation unset for sequences (see SequenceAugmentation).");
        var strands = _options.SequenceAugmentation != null || _options.ReverseComplementAverage
            ? StrandComplement.Require(_input, _options.SequenceAugmentation != null ? "SequenceAugmentation" : "ReverseComplementAverage", _options.FeatureColumnName)
            : null;
        var spec = start != null ? FineTuning.Architecture(start, _options.Network) : _options.Network ?? DefaultNetwork();
        var shapes = _input.CheckNetwork(spec, _task.Outputs);
        if (train.GetRowCount() is long known) CheckEnoughRows(known);
        using var environment = TorchEnvironment.Create(_ml, _options.Seed);
        int threads = IntraOpThreads.ForTraining(_options.IntraOpThreads, NetworkCost.TrainingStepFlops(shapes) * _options.BatchSize);
        using var threadScope = IntraOpThreads.Use(threads);
        MLContextLog.Info(_ml, $"Cnn trainer: {threads} intra-op thread{(threads == 1 ? "" : "s")} ({(_options.IntraOpThreads != null ? "IntraOpThreads option" : IntraOpThreads.Fixed != null ? "fixed for the process" : "automatic")}).");
        var device = environment.Device;
        var network = _input.CreateNetwork(spec, _task.Outputs);
        try
        {
            if (start != null)
            {
                bool copiedOutput = FineTuning.CopyWeights(start, network, _options.ResetOutputLayer);
                if (_options.FreezeTrunk) network.FreezeTrunk();
                MLContextLog.Info(_ml, $"Cnn trainer: fine-tuning from a trained '{spec.Name}' model; output layer {(copiedOutput ? "copied" : "replaced")}, trunk {(_options.FreezeTrunk ? "frozen" : "trained")}.");
            }
            network.to(device);
            var history = Run(network, device, environment.Seed, train, validation, strands);
            return new CnnModel(network, _task, _input, device, history) { AverageReverseComplement = _options.ReverseComplementAverage };
        }
        catch (TrainingDiverged diverged)
        {
            throw new CnnTrainingDivergedException(diverged.Message, new CnnModel(network, _task, _input, device, diverged.History) { AverageReverseComplement = _options.ReverseComplementAverage });
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private List<EpochReport> Run(CnnNetwork network, Device device, int seed, IDataView train, IDataView? validation, StrandComplement? strands)
    {
        using var trainReader = Reader(train, device);
        using var validationReader = validation == null ? null : Reader(validation, device);
        bool hasBatchNorm = network.modules().Any(Layers.IsBatchNorm);
        using var optimizer = CreateOptimizer(network);
        var scheduler = new LearningRateScheduler(_options);
        var history = new List<EpochReport>();
        var clock = Stopwatch.StartNew();
        Dictionary<string, Tensor>? best = null;
        double bestLoss = double.PositiveInfinity;
        int epochsWithoutImprovement = 0, firstEpoch = 1;
        string? checkpoints = _options.CheckpointDirectory;
        string fingerprint = checkpoints == null ? "" : Fingerprint(network, seed, validation != null);

        try
        {
            if (checkpoints != null && _options.Resume && TrainingCheckpoint.Load(checkpoints, fingerprint, network, optimizer) is { } restored)
            {
                var progress = restored.Progress;
                history.AddRange(progress.History);
                (bestLoss, epochsWithoutImprovement, best) = (progress.BestLoss, progress.EpochsWithoutImprovement, restored.Best);
                scheduler.Current = progress.Schedule;
                firstEpoch = progress.EpochsCompleted + 1;
                MLContextLog.Info(_ml, $"Cnn trainer: resuming from the checkpoint in '{checkpoints}' after epoch {progress.EpochsCompleted}.");
                if (validationReader != null && StopsEarly(epochsWithoutImprovement)) firstEpoch = _options.Epochs + 1; // the run had already ended
            }

            for (int epoch = firstEpoch; epoch <= _options.Epochs; epoch++)
            {
                double rate = scheduler.RateFor(epoch);
                optimizer.LearningRate = rate;

                // Shuffling and augmentation draw from per-epoch seeds, so a resumed run draws what an uninterrupted one would.
                var shuffle = _options.Shuffle ? new Random(EpochSeed(seed, epoch, 1)) : null;
                var (trainLoss, rows, positives) = TrainEpoch(network, optimizer, trainReader, epoch, shuffle, hasBatchNorm, Augmenter(seed, epoch, strands), history);
                if (epoch == 1)
                {
                    CheckEnoughRows(rows);
                    CheckBothClasses(rows, positives);
                }

                double? validationLoss = null, metric = null;
                if (validationReader != null) (validationLoss, metric) = Evaluate(network, validationReader, device);
                double monitored = validationLoss ?? trainLoss;

                bool isBest = validationLoss == null || monitored < bestLoss;
                if (validationLoss != null && isBest)
                {
                    bestLoss = monitored;
                    epochsWithoutImprovement = 0;
                    DisposeAll(best);
                    best = Snapshot(network);
                }
                else if (validationLoss != null)
                {
                    epochsWithoutImprovement++;
                }
                scheduler.EndEpoch(monitored);

                var report = new EpochReport(epoch, _options.Epochs, trainLoss, validationLoss, _task.Metric.Name, metric, rate, rows, clock.Elapsed, isBest);
                history.Add(report);
                MLContextLog.Info(_ml, "Cnn trainer: " + report);
                _options.Progress?.Report(report);
                if (checkpoints != null)
                    TrainingCheckpoint.Save(checkpoints, fingerprint, new TrainingCheckpoint.Progress(epoch, history, bestLoss, epochsWithoutImprovement, scheduler.Current), network, optimizer, best);

                if (validationLoss != null && StopsEarly(epochsWithoutImprovement))
                {
                    MLContextLog.Info(_ml, $"Cnn trainer: early stopping after epoch {epoch}; no improvement in validation loss for {_options.EarlyStoppingPatience} epochs.");
                    break;
                }
            }

            if (best != null) network.load_state_dict(best);
            network.eval();
            return history;
        }
        finally
        {
            DisposeAll(best);
        }
    }

    private bool StopsEarly(int epochsWithoutImprovement) =>
        _options.EarlyStoppingPatience is int patience && epochsWithoutImprovement >= patience;

    // A seed per (run, epoch, purpose), so nothing drawn depends on how many epochs ran in this process.
    // SplitMix64 rather than HashCode.Combine, whose result changes from process to process.
    internal static int EpochSeed(int seed, int epoch, int purpose)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)epoch * 0xBF58476D1CE4E5B9UL + (ulong)(uint)purpose * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    private Action<Span<float>, Span<float>, int>? Augmenter(int seed, int epoch, StrandComplement? strands)
    {
        if (_options.Augmentation is { } images)
        {
            var augmenter = new ImageAugmenter(images, _input, EpochSeed(seed, epoch, 2));
            return (batch, _, rows) => augmenter.Apply(batch, rows);
        }
        if (_options.SequenceAugmentation is { } sequences)
        {
            var augmenter = new SequenceAugmenter(sequences, strands!, EpochSeed(seed, epoch, 2), _task);
            return (batch, labels, rows) => augmenter.Apply(batch, labels, rows);
        }
        return null;
    }

    // What a checkpoint must match to be resumed: the architecture, input, task and every setting that changes the result.
    private string Fingerprint(CnnNetwork network, int seed, bool hasValidation) => string.Join("; ",
        $"network {network.Spec.ToJson()}", $"input {_input}", $"task {_task.Kind} with {_task.Outputs} outputs", $"seed {seed}",
        $"epochs {_options.Epochs}", $"batch {_options.BatchSize}", $"optimizer {_options.Optimizer} lr {_options.LearningRate} momentum {_options.Momentum} decay {_options.WeightDecay}",
        $"schedule {_options.Schedule} {_options.StepEpochs} {_options.StepGamma} {_options.PlateauPatience} {_options.PlateauFactor}",
        $"clip {_options.GradientClipNorm} patience {_options.EarlyStoppingPatience} shuffle {_options.Shuffle} pool {_options.ShufflePoolSize}",
        $"validation {hasValidation} augmentation {_options.Augmentation != null || _options.SequenceAugmentation != null}",
        $"fine-tuning {_options.StartFrom != null} frozen {_options.FreezeTrunk}");

    private void ThrowIfCancelled(int epoch)
    {
        if (_options.CancellationToken.IsCancellationRequested || HostEnvironmentAccess.IsCanceled(_ml))
            throw new OperationCanceledException($"Cnn trainer: training was cancelled in epoch {epoch}."
                + (_options.CheckpointDirectory is { } dir ? $" The checkpoint in '{dir}' holds the last completed epoch; set Resume to continue." : ""),
                _options.CancellationToken);
    }

    private BatchReader Reader(IDataView data, Device device)
    {
        var features = data.Schema[_options.FeatureColumnName];
        var label = data.Schema[_options.LabelColumnName];
        return new BatchReader(data, features, label, _task, _input.Size, _options.BatchSize, device);
    }

    private (double Loss, long Rows, long Positives) TrainEpoch(CnnNetwork network, ParameterUpdate optimizer, BatchReader reader, int epoch, Random? shuffle, bool hasBatchNorm,
        Action<Span<float>, Span<float>, int>? augment, List<EpochReport> history)
    {
        network.train();
        double lossSum = 0;
        long lossRows = 0, batches = 0, positives = 0;
        bool binary = _task.Kind == CnnTaskKind.BinaryClassification;
        long rows = reader.ReadPass(shuffle, _options.ShufflePoolSize, count =>
        {
            ThrowIfCancelled(epoch);
            batches++;
            if (binary) foreach (float label in reader.Labels.AsSpan(0, count)) positives += label > 0.5f ? 1 : 0;
            // Batch norm cannot normalise a single row in training mode; a last batch of one is skipped.
            if (count == 1 && hasBatchNorm) return;
            using var scope = NewDisposeScope();
            augment?.Invoke(reader.Features.Values, reader.Labels, count);
            // A view of the reader's buffer on CPU: autograd keeps it for the backward pass, which
            // ends (before the next batch) before the reader refills the buffer.
            var x = reader.Features.Upload(count);
            var y = TensorCopy.ToTensor(reader.Labels, count, _task.LabelWidth, device: x.device);
            optimizer.ZeroGrad();
            var loss = _task.Loss(network.forward(x), y);
            // Checked before the step, so a NaN or infinite loss never reaches the weights.
            float value = loss.item<float>();
            if (!float.IsFinite(value))
                throw new TrainingDiverged($"Cnn trainer: the training loss became {value} in epoch {epoch}, batch {batches}; training stopped with the weights of the last finite step "
                    + "(CnnTrainingDivergedException.LastGoodModel). Lower the LearningRate or set GradientClipNorm.", history);
            loss.backward();
            if (_options.GradientClipNorm is double clip) optimizer.ClipGradientNorm(clip);
            optimizer.Step();
            lossSum += value * count;
            lossRows += count;
        });
        return (lossRows == 0 ? double.NaN : lossSum / lossRows, rows, positives);
    }

    // Carries the divergence out of the loop to TrainAlone, which wraps the network as the last good model.
    private sealed class TrainingDiverged(string message, List<EpochReport> history) : Exception(message)
    {
        public List<EpochReport> History { get; } = history;
    }

    private (double Loss, double Metric) Evaluate(CnnNetwork network, BatchReader reader, Device device)
    {
        network.eval();
        // Inference mode, not just no_grad: the validation outputs never enter autograd, and a
        // forward pass under inference mode ran 1.8–2.9× faster (BENCHMARKS.md, FLOP/s section).
        using var inference = torch.inference_mode();
        var outputs = new List<Tensor>();
        var labels = new List<Tensor>();
        try
        {
            reader.ReadPass(null, _options.ShufflePoolSize, count =>
            {
                using (var x = reader.Features.Upload(count)) outputs.Add(network.forward(x));
                labels.Add(TensorCopy.ToTensor(reader.Labels, count, _task.LabelWidth, device));
            });
            if (outputs.Count == 0) throw new InvalidOperationException("Cnn trainer: the validation data has no rows.");
            using var allOutputs = torch.cat(outputs, 0);
            using var allLabels = torch.cat(labels, 0);
            using var loss = _task.Loss(allOutputs, allLabels);
            return (loss.item<float>(), _task.ComputeMetric(allOutputs, allLabels));
        }
        finally
        {
            foreach (var t in outputs.Concat(labels)) t.Dispose();
        }
    }

    // A binary classifier trained on one class learns nothing and only fails later, at evaluation.
    private void CheckBothClasses(long rows, long positives)
    {
        if (_task.Kind != CnnTaskKind.BinaryClassification || (positives > 0 && positives < rows)) return;
        throw new InvalidOperationException($"Cnn trainer: label column '{_options.LabelColumnName}' is {(positives == 0 ? "false" : "true")} in all {rows} training rows; "
            + "a binary classifier needs examples of both classes.");
    }

    private void CheckEnoughRows(long rows)
    {
        if (rows == 0) throw new InvalidOperationException("Cnn trainer: the training data has no rows.");
        if (rows < _options.BatchSize)
            throw new InvalidOperationException($"Cnn trainer: the training data has {rows} rows, fewer than one batch (BatchSize = {_options.BatchSize}); lower BatchSize or add data.");
    }

    // Only trainable parameters: a frozen trunk's weights must not move, not even through weight decay.
    private ParameterUpdate CreateOptimizer(CnnNetwork network) =>
        new(_options.Optimizer, network.parameters().Where(p => p.requires_grad), _options.LearningRate, _options.Momentum, _options.WeightDecay);

    private static Dictionary<string, Tensor> Snapshot(CnnNetwork network) =>
        network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors == null) return;
        foreach (var t in tensors.Values) t.Dispose();
    }
}
