using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Cnn.MLNet.Benchmarks;

/// <summary>
/// The primer-style task (Zou et al. 2019) for the trainer and scoring benchmarks: 50-bp
/// uniformly random DNA, with a 12-bp motif planted at a random position in half the rows (fixed
/// seed), one-hot encoded by <c>ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: 50)</c>.
/// </summary>
public static class PrimerData
{
    /// <summary>Bases per sequence.</summary>
    public const int Length = 50;

    /// <summary>One-hot channels (A, C, G, T).</summary>
    public const int Channels = 4;

    /// <summary>Values per encoded row.</summary>
    public const int FeatureSize = Channels * Length;

    /// <summary>The primer's motif.</summary>
    public const string Motif = "CGACCGAACTCC";

    /// <summary>One input row.</summary>
    public sealed class Row
    {
        /// <summary>50 bases of A/C/G/T.</summary>
        public string Sequence { get; set; } = "";

        /// <summary>True when the motif was planted.</summary>
        public bool Label { get; set; }
    }

    /// <summary>What the binary CNN adds to a row.</summary>
    public sealed class Prediction
    {
        /// <summary>The logit.</summary>
        public float Score { get; set; }

        /// <summary>sigmoid(Score).</summary>
        public float Probability { get; set; }

        /// <summary>Probability &gt; 0.5.</summary>
        public bool PredictedLabel { get; set; }
    }

    /// <summary>The encoded data, cached in memory, and the fitted encoder that made it.</summary>
    public sealed record Encoded(IDataView Data, ITransformer Encoder, Row[] Rows);

    /// <summary><paramref name="count"/> rows; rows alternate label (even rows positive) so a batch holds both classes.</summary>
    public static Row[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new Row[count];
        var bases = new char[Length];
        for (int i = 0; i < count; i++)
        {
            for (int p = 0; p < Length; p++) bases[p] = "ACGT"[random.Next(4)];
            bool positive = i % 2 == 0;
            if (positive) Motif.CopyTo(0, bases, random.Next(Length - Motif.Length + 1), Motif.Length);
            rows[i] = new Row { Sequence = new string(bases), Label = positive };
        }
        return rows;
    }

    /// <summary>
    /// Generates, encodes and caches <paramref name="count"/> rows, reading the cache through once
    /// so that no benchmark pays for filling it.
    /// </summary>
    public static Encoded Encode(MLContext ml, int count, int seed)
    {
        var rows = Generate(count, seed);
        var raw = ml.Data.LoadFromEnumerable(rows);
        var encoder = ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: Length).Fit(raw);
        var cached = ml.Data.Cache(encoder.Transform(raw));
        using (var cursor = cached.GetRowCursor(cached.Schema))
        {
            while (cursor.MoveNext()) { }
        }
        return new Encoded(cached, encoder, rows);
    }

    /// <summary>The encoded features and labels in row order, read from <paramref name="data"/>.</summary>
    public static (float[] Features, float[] Labels) ReadAll(IDataView data)
    {
        int rows = checked((int)(data.GetRowCount() ?? throw new InvalidOperationException("Row count unknown.")));
        var features = new float[rows * FeatureSize];
        var labels = new float[rows];
        var featureColumn = data.Schema["Features"];
        var labelColumn = data.Schema["Label"];
        using var cursor = data.GetRowCursor([featureColumn, labelColumn]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var getLabel = cursor.GetGetter<bool>(labelColumn);
        VBuffer<float> row = default;
        bool label = false;
        int r = 0;
        while (cursor.MoveNext())
        {
            getFeatures(ref row);
            row.CopyTo(features.AsSpan(r * FeatureSize, FeatureSize));
            getLabel(ref label);
            labels[r] = label ? 1f : 0f;
            r++;
        }
        return (features, labels);
    }

    /// <summary>
    /// Preloaded batch tensors: features (rows, 200) and labels (rows, 1), <paramref name="batchSize"/>
    /// rows each (a last partial batch included). The caller owns them.
    /// </summary>
    public static List<(Tensor X, Tensor Y)> Batches(float[] features, float[] labels, int batchSize)
    {
        var batches = new List<(Tensor, Tensor)>();
        int rows = labels.Length;
        for (int start = 0; start < rows; start += batchSize)
        {
            int count = Math.Min(batchSize, rows - start);
            var x = tensor(features.AsSpan(start * FeatureSize, count * FeatureSize).ToArray(), [count, FeatureSize]);
            var y = tensor(labels.AsSpan(start, count).ToArray(), [count, 1]);
            batches.Add((x, y));
        }
        return batches;
    }

    /// <summary>The trainer options every benchmark uses: Zou2019, batch 32, Adam at 10⁻³, shuffled, seed 1.</summary>
    public static CnnBinaryTrainer.Options TrainerOptions(int epochs) => new()
    {
        Network = NetworkPresets.Zou2019(),
        Epochs = epochs,
        BatchSize = 32,
        Optimizer = Trainers.OptimizerKind.Adam,
        LearningRate = 1e-3,
        Shuffle = true,
        Seed = 1,
    };

    /// <summary>
    /// One trained Zou2019 model per process (3,200 rows, 2 epochs), shared by the scoring and
    /// latency benchmarks: its weights do not change the cost of a forward pass, only its shape does.
    /// </summary>
    public static TrainedModel Model => LazyModel.Value;

    private static readonly Lazy<TrainedModel> LazyModel = new(() =>
    {
        TorchRuntime.EnsureInitialized();
        var ml = new MLContext(seed: 1);
        var train = Encode(ml, 3_200, seed: 7);
        var model = ml.BinaryClassification.Trainers.Cnn(TrainerOptions(epochs: 2)).Fit(train.Data);
        return new TrainedModel(ml, train.Encoder, model);
    });

    /// <summary>A trained model with the encoder it was trained behind.</summary>
    public sealed record TrainedModel(MLContext ML, ITransformer Encoder, Cnn.MLNet.Trainers.CnnPredictionTransformer Model)
    {
        /// <summary>
        /// A PredictionEngine over encoder → model, taking raw sequences. It must not own the
        /// transformer: ML.NET's default (OwnsTransformer = true) disposes the chain, and with it
        /// the shared model's network, when the engine is disposed.
        /// </summary>
        public PredictionEngine<Row, Prediction> CreateEngine() =>
            ML.Model.CreatePredictionEngine<Row, Prediction>(Encoder.Append(Model), new PredictionEngineOptions { OwnsTransformer = false });
    }
}
