using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Onnx.Tests.Support;

/// <summary>The task a test model is trained for.</summary>
public enum TestTask { Binary, Multiclass, Regression, MultiTask }

/// <summary>
/// Small trained models for the export tests: one epoch on a few hundred rows (planted-motif DNA,
/// or random images), so the weights and batch-norm statistics are not their initial values, and
/// held-out rows scored by our own ML.NET transformer to compare the ONNX graph with.
/// </summary>
internal static class NetworkModels
{
    public const int SequenceLength = 200;
    public const int HeldOutRows = 6;

    /// <summary>A trained model, the held-out rows' features, and those rows as our transformer scored them.</summary>
    public sealed record Scored(CnnModel Model, float[][] Features, IDataView Transformed);

    public sealed class GrayRow
    {
        public bool Label { get; set; }
        public string Class { get; set; } = "";
        public float Count { get; set; }
        [VectorType(2)] public float[] Targets { get; set; } = new float[2];
        [VectorType(1, 28, 28)] public float[] Features { get; set; } = [];
    }

    public sealed class RgbRow
    {
        public bool Label { get; set; }
        public string Class { get; set; } = "";
        public float Count { get; set; }
        [VectorType(2)] public float[] Targets { get; set; } = new float[2];
        [VectorType(3, 32, 32)] public float[] Features { get; set; } = [];
    }

    /// <summary>Whether a preset is meant for images, and which images (LeNet5 and Géron: 1 × 28 × 28; SmallVgg and SmallResNet: 3 × 32 × 32).</summary>
    public static string? ImageKind(string preset) => preset switch
    {
        "LeNet5" or "Geron" => "gray",
        "SmallVgg" or "SmallResNet" => "rgb",
        _ => null,
    };

    public static Scored TrainSequence(NetworkSpec spec, TestTask task, int seed, bool averageReverseComplement = false, int rows = 160, int order = 1)
    {
        var ml = new MLContext(seed);
        var train = MotifData.Load(ml, rows, seed, SequenceLength);
        var test = MotifData.Load(ml, HeldOutRows, seed + 1000, SequenceLength);
        var encode = ml.Transforms.OneHotEncodeSequence(new Cnn.MLNet.Transforms.OneHotSequenceEstimator.Options
        {
            OutputColumnName = "Features",
            InputColumnName = "Sequence",
            Length = SequenceLength,
            Order = order,
        });
        return Fit(ml, spec, task, seed, train, test, encode, batchSize: 32, averageReverseComplement);
    }

    public static Scored TrainImages(NetworkSpec spec, TestTask task, int seed, string kind, int rows = 64)
    {
        var ml = new MLContext(seed);
        IDataView Load(int count, int s) => kind == "gray"
            ? ml.Data.LoadFromEnumerable(Images(count, s, 1 * 28 * 28).Select(r => new GrayRow { Label = r.Label, Class = r.Class, Count = r.Count, Targets = r.Targets, Features = r.Pixels }).ToList())
            : ml.Data.LoadFromEnumerable(Images(count, s, 3 * 32 * 32).Select(r => new RgbRow { Label = r.Label, Class = r.Class, Count = r.Count, Targets = r.Targets, Features = r.Pixels }).ToList());
        return Fit(ml, spec, task, seed, Load(rows, seed), Load(HeldOutRows, seed + 1000), null, batchSize: 16, false);
    }

    // Random pixels in [0, 1]; the labels follow the mean brightness of the first and second half, so they are learnable.
    private static IEnumerable<(bool Label, string Class, float Count, float[] Targets, float[] Pixels)> Images(int count, int seed, int size)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var pixels = new float[size];
            bool a = random.Next(2) == 1, b = random.Next(2) == 1;
            for (int p = 0; p < size; p++) pixels[p] = (float)random.NextDouble() * 0.8f + (p < size / 2 ? (a ? 0.2f : 0f) : (b ? 0.2f : 0f));
            yield return (a, a && b ? "AB" : a ? "A" : b ? "B" : "none", (a ? 1 : 0) + (b ? 1 : 0), [a ? 1 : 0, b ? 1 : 0], pixels);
        }
    }

    private static Scored Fit(MLContext ml, NetworkSpec spec, TestTask task, int seed, IDataView train, IDataView test, IEstimator<ITransformer>? encode, int batchSize, bool averageReverseComplement)
    {
        var chain = new EstimatorChain<ITransformer>();
        IEstimator<ITransformer>? label = task switch
        {
            TestTask.Multiclass => ml.Transforms.Conversion.MapValueToKey("ClassKey", "Class"),
            TestTask.Regression => ml.Transforms.CopyColumns("Value", "Count"),
            TestTask.MultiTask => ml.Transforms.CopyColumns("TargetValues", "Targets"),
            _ => null,
        };
        if (label != null) chain = chain.Append(label);
        if (encode != null) chain = chain.Append(encode);
        T Options<T>(T options, string label) where T : CnnTrainerOptions
        {
            options.Network = spec;
            options.Epochs = 1;
            options.BatchSize = batchSize;
            options.Seed = seed;
            options.LabelColumnName = label;
            options.ReverseComplementAverage = averageReverseComplement;
            return options;
        }
        IEstimator<CnnPredictionTransformer> trainer = task switch
        {
            TestTask.Binary => ml.BinaryClassification.Trainers.Cnn(Options(new CnnBinaryTrainer.Options(), "Label")),
            TestTask.Multiclass => ml.MulticlassClassification.Trainers.Cnn(Options(new CnnMulticlassTrainer.Options(), "ClassKey")),
            TestTask.Regression => ml.Regression.Trainers.Cnn(Options(new CnnRegressionTrainer.Options(), "Value")),
            _ => ml.BinaryClassification.Trainers.CnnMultiTask(Options(new CnnMultiTaskTrainer.Options { Targets = [TargetKind.Binary, TargetKind.Regression] }, "TargetValues")),
        };
        var fitted = chain.Append(trainer).Fit(train);
        var transformed = fitted.Transform(test);
        var features = transformed.GetColumn<float[]>("Features").ToArray();
        return new Scored(fitted.LastTransformer.Model, features, transformed);
    }
}
