using System.Diagnostics;
using Cnn.MLNet.Trainers.Model;
using Cnn.MLNet.Trainers.Networks;
using Cnn.MLNet.Trainers.Runtime;
using Cnn.MLNet.Trainers.Strands;
using Cnn.MLNet.Trainers.Tasks;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cnn.MLNet.Trainers.Training;

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

    public TrainingLoop(IHostEnvironment ml, CnnTrainerOptions options, CnnTask task, InputShape input)
    {
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
        var spec = start != null ? FineTuning.Architecture(start, _options.Network) : _options.Network ?? NetworkPresets.Default();
        var shapes = _input.CheckNetwork(spec, _task.Outputs);
        if (train.GetRowCount() is long known) CheckEnoughRows(known);
        using var environment = TorchEnvironment.Create(_ml, _options.Seed);
        int threads = Runtime.IntraOpThreads.ForTraining(_options.IntraOpThreads, NetworkCost.TrainingStepFlops(shapes) * _options.BatchSize);
        using var threadScope = Runtime.IntraOpThreads.Use(threads);
        MLContextLog.Info(_ml, $"Cnn trainer: {threads} intra-op thread{(threads == 1 ? "" : "s")} ({(_options.IntraOpThreads != null ? "IntraOpThreads option" : Runtime.IntraOpThreads.Fixed != null ? "fixed for the process" : "automatic")}).");
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
        Action<Span<float>, int>? augment = null;
        if (_options.Augmentation is { } images)
        {
            var imageAugmenter = new ImageAugmenter(images, _input, unchecked(seed * 31 + 7));
            augment = (batch, rows) => imageAugmenter.Apply(batch, rows);
        }
        else if (_options.SequenceAugmentation is { } sequences)
        {
            var sequenceAugmenter = new SequenceAugmenter(sequences, strands!, unchecked(seed * 31 + 7));
            augment = (batch, rows) => sequenceAugmenter.Apply(batch, rows);
        }
        using var optimizer = CreateOptimizer(network);
        var scheduler = new LearningRateScheduler(_options);
        var shuffle = new Random(seed);
        var history = new List<EpochReport>();
        var clock = Stopwatch.StartNew();
        Dictionary<string, Tensor>? best = null;
        double bestLoss = double.PositiveInfinity;
        int epochsWithoutImprovement = 0;

        try
        {
            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                double rate = scheduler.RateFor(epoch);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;

                var (trainLoss, rows) = TrainEpoch(network, optimizer, trainReader, device, _options.Shuffle ? shuffle : null, hasBatchNorm, augment);
                if (epoch == 1) CheckEnoughRows(rows);

                double? validationLoss = null, metric = null;
                if (validationReader != null) (validationLoss, metric) = Evaluate(network, validationReader, device);
                double monitored = validationLoss ?? trainLoss;
                if (!double.IsFinite(trainLoss))
                    throw new InvalidOperationException($"Cnn trainer: the training loss became {trainLoss} in epoch {epoch}; lower the LearningRate or set GradientClipNorm.");

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

                if (validationLoss != null && _options.EarlyStoppingPatience is int patience && epochsWithoutImprovement >= patience)
                {
                    MLContextLog.Info(_ml, $"Cnn trainer: early stopping after epoch {epoch}; no improvement in validation loss for {patience} epochs.");
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

    private BatchReader Reader(IDataView data, Device device)
    {
        var features = data.Schema[_options.FeatureColumnName];
        var label = data.Schema[_options.LabelColumnName];
        return new BatchReader(data, features, label, _task, _input.Size, _options.BatchSize, device);
    }

    private (double Loss, long Rows) TrainEpoch(CnnNetwork network, optim.Optimizer optimizer, BatchReader reader, Device device, Random? shuffle, bool hasBatchNorm, Action<Span<float>, int>? augment)
    {
        network.train();
        double lossSum = 0;
        long lossRows = 0;
        long rows = reader.ReadPass(shuffle, _options.ShufflePoolSize, count =>
        {
            // Batch norm cannot normalise a single row in training mode; a last batch of one is skipped.
            if (count == 1 && hasBatchNorm) return;
            using var scope = NewDisposeScope();
            augment?.Invoke(reader.Features.Values, count);
            // A view of the reader's buffer on CPU: autograd keeps it for the backward pass, which
            // ends (loss.item) before the reader refills the buffer.
            var x = reader.Features.Upload(count);
            var y = TensorCopy.ToTensor(reader.Labels, count, _task.LabelWidth, device);
            optimizer.zero_grad();
            var loss = _task.Loss(network.forward(x), y);
            loss.backward();
            if (_options.GradientClipNorm is double clip) nn.utils.clip_grad_norm_(network.parameters().Where(p => p.requires_grad), clip);
            optimizer.step();
            lossSum += loss.item<float>() * count;
            lossRows += count;
        });
        return (lossRows == 0 ? double.NaN : lossSum / lossRows, rows);
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

    private void CheckEnoughRows(long rows)
    {
        if (rows == 0) throw new InvalidOperationException("Cnn trainer: the training data has no rows.");
        if (rows < _options.BatchSize)
            throw new InvalidOperationException($"Cnn trainer: the training data has {rows} rows, fewer than one batch (BatchSize = {_options.BatchSize}); lower BatchSize or add data.");
    }

    // Only trainable parameters: a frozen trunk's weights must not move, not even through weight decay.
    private optim.Optimizer CreateOptimizer(CnnNetwork network)
    {
        var parameters = network.parameters().Where(p => p.requires_grad).ToList();
        return _options.Optimizer switch
        {
            OptimizerKind.AdamW => optim.AdamW(parameters, _options.LearningRate, weight_decay: _options.WeightDecay),
            OptimizerKind.Sgd => optim.SGD(parameters, _options.LearningRate, momentum: _options.Momentum, weight_decay: _options.WeightDecay),
            _ => optim.Adam(parameters, _options.LearningRate, weight_decay: _options.WeightDecay),
        };
    }

    private static Dictionary<string, Tensor> Snapshot(CnnNetwork network) =>
        network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors == null) return;
        foreach (var t in tensors.Values) t.Dispose();
    }
}
