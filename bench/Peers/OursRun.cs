using System.Diagnostics;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Benchmarks.Peers;

/// <summary>
/// The Cnn.MLNet side, as a user writes it: the rows in an in-memory IDataView (cached, read once
/// before timing), <c>ml.BinaryClassification.Trainers.Cnn</c> or
/// <c>ml.MulticlassClassification.Trainers.Cnn</c> with fixed Epochs, BatchSize, LearningRate and
/// Adam, then <c>model.Transform</c> and one cursor reading Score over every row. The thread count is
/// fixed for the process with <see cref="IntraOpThreads.Fix"/> (the documented way), so training and
/// scoring use the same count as the two peers.
/// </summary>
public static class OursRun
{
    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class ClassRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    /// <summary>Warm-up, timed training, timed scoring; returns what was measured.</summary>
    public static PeerResult Run(PeerRunConfig config)
    {
        TorchRuntime.EnsureInitialized();
        IntraOpThreads.Fix(config.Threads);
        var ml = new MLContext(seed: config.Seed);
        var (features, labels) = PeerDataFile.Read(config);
        var data = Load(ml, config, features, labels);
        features = [];

        // Warm-up (untimed): a throwaway model fitted on a few batches and scored, so JIT
        // compilation and libtorch's first-call set-up are not in the timed figures.
        var warmRows = ml.Data.TakeRows(data, (long)config.WarmupBatches * config.BatchSize);
        var warm = Fit(ml, config, warmRows, epochs: 1);
        ReadScores(warm.Transform(warmRows), config.Input, new int[config.WarmupBatches * config.BatchSize]);
        warm.Model.Dispose();

        var clock = Stopwatch.StartNew();
        var model = Fit(ml, config, data, config.Epochs);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var scored = model.Transform(data);
        int correct = ReadScores(scored, config.Input, labels);
        double scoreSeconds = clock.Elapsed.TotalSeconds;

        double loss = model.Model.History[^1].TrainingLoss;
        model.Model.Dispose();
        return new PeerResult(nameof(PeerImplementation.CnnMLNet), trainSeconds, scoreSeconds, PeerResult.ReadPeakRssKiB(),
            loss, (double)correct / config.Rows, TorchSharp.torch.get_num_threads(), $"Cnn.MLNet {typeof(CnnBinaryTrainer).Assembly.GetName().Version} on TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}");
    }

    /// <summary>
    /// The rows as an IDataView: <c>vector&lt;float, C, H, W&gt;</c> images (the type ExtractPixels
    /// gives) or plain DNA vectors (the trainer is told Channels = 4), with a bool label or a key
    /// label, cached and read through once as users are told to do before training.
    /// </summary>
    private static IDataView Load(MLContext ml, PeerRunConfig config, float[] features, int[] labels)
    {
        var input = config.Input;
        int size = input.FeatureSize;
        int[] dimensions = input.Height is int h ? [input.Channels, h, input.Length] : [size];
        var featureType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        IDataView raw;
        if (input.IsBinary)
        {
            var schema = SchemaDefinition.Create(typeof(BinaryRow));
            schema["Features"].ColumnType = featureType;
            var rows = Enumerable.Range(0, config.Rows).Select(r => new BinaryRow { Features = features.AsSpan(r * size, size).ToArray(), Label = labels[r] == 1 }).ToArray();
            raw = ml.Data.LoadFromEnumerable(rows, schema);
        }
        else
        {
            var schema = SchemaDefinition.Create(typeof(ClassRow));
            schema["Features"].ColumnType = featureType;
            // As with [KeyType]: LoadFromEnumerable reads the 0-based class index and stores key index + 1.
            schema["Label"].ColumnType = new KeyDataViewType(typeof(uint), input.Classes);
            var rows = Enumerable.Range(0, config.Rows).Select(r => new ClassRow { Features = features.AsSpan(r * size, size).ToArray(), Label = (uint)labels[r] }).ToArray();
            raw = ml.Data.LoadFromEnumerable(rows, schema);
        }
        var cached = ml.Data.Cache(raw);
        using (var cursor = cached.GetRowCursor(cached.Schema))
        {
            while (cursor.MoveNext()) { }
        }
        return cached;
    }

    private static CnnPredictionTransformer Fit(MLContext ml, PeerRunConfig config, IDataView data, int epochs)
    {
        var spec = NetworkSpec.FromJson(config.SpecJson);
        if (config.Input.IsBinary)
        {
            var options = new CnnBinaryTrainer.Options { Channels = config.Input.Height is null ? config.Channels : null };
            Common(options, spec, config, epochs);
            return ml.BinaryClassification.Trainers.Cnn(options).Fit(data);
        }
        var multiclass = new CnnMulticlassTrainer.Options();
        Common(multiclass, spec, config, epochs);
        return ml.MulticlassClassification.Trainers.Cnn(multiclass).Fit(data);
    }

    private static void Common(CnnTrainerOptions options, NetworkSpec spec, PeerRunConfig config, int epochs)
    {
        options.Network = spec;
        options.Epochs = epochs;
        options.BatchSize = config.BatchSize;
        options.Optimizer = OptimizerKind.Adam;
        options.LearningRate = config.LearningRate;
        options.Shuffle = true;
        options.ScoringBatchSize = config.ScoringBatchSize;
        options.Seed = config.Seed;
    }

    /// <summary>Reads Score for every row with one cursor; returns how many rows it classifies right.</summary>
    private static int ReadScores(IDataView scored, PeerInput input, int[] labels)
    {
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([score]);
        int correct = 0, row = 0;
        if (input.IsBinary)
        {
            var getter = cursor.GetGetter<float>(score);
            float logit = 0;
            for (; cursor.MoveNext(); row++)
            {
                getter(ref logit);
                if (row < labels.Length && (logit > 0 ? 1 : 0) == labels[row]) correct++;
            }
        }
        else
        {
            var getter = cursor.GetGetter<VBuffer<float>>(score);
            VBuffer<float> probabilities = default;
            for (; cursor.MoveNext(); row++)
            {
                getter(ref probabilities);
                if (row < labels.Length && ArgMax(probabilities.GetValues()) == labels[row]) correct++;
            }
        }
        return correct;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
