using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Ensembles;

/// <summary>
/// Ready-made pipelines trained once per test class on small simulated data (300 rows of 30 bp,
/// 2 epochs): for each task, one Zou2019 member on 30-bp windows and one DeepBind member on 26-bp
/// windows, so members differ in network and in encoding.
/// </summary>
public sealed class EnsembleMembers
{
    public const int Length = 30;

    public EnsembleMembers()
    {
        var ml = new MLContext(seed: 1);
        Binary = Train(ml, BinaryData(ml, TrainRows), CnnTaskKind.BinaryClassification);
        Multiclass = Train(ml, ClassData(ml, TrainRows), CnnTaskKind.MulticlassClassification);
        Regression = Train(ml, CountData(ml, TrainRows), CnnTaskKind.Regression);
    }

    internal static List<MotifData.Row> TrainRows { get; } = MotifData.Generate(300, seed: 1, Length);
    internal static List<MotifData.Row> TestRows { get; } = MotifData.Generate(60, seed: 2, Length);

    public TransformerChain<ITransformer>[] Binary { get; }
    public TransformerChain<ITransformer>[] Multiclass { get; }
    public TransformerChain<ITransformer>[] Regression { get; }

    public static TransformerChain<ITransformer>[] Train(MLContext ml, IDataView data, CnnTaskKind task) =>
    [
        SequenceModels.Train(ml, data, null, Settings(task, Length, NetworkPresets.Zou2019(), seed: 1)),
        SequenceModels.Train(ml, data, null, Settings(task, 26, NetworkPresets.DeepBind(), seed: 2)),
    ];

    public static SequenceTrainingSettings Settings(CnnTaskKind task, int length, NetworkSpec network, int seed) => new()
    {
        Task = task,
        Length = length,
        Training = { Network = network, Epochs = 2, BatchSize = 32, Seed = seed, EarlyStoppingPatience = null },
    };

    internal static IDataView BinaryData(MLContext ml, IEnumerable<MotifData.Row> rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new BinaryRow { Sequence = r.Sequence, Label = r.Label }));

    internal static IDataView ClassData(MLContext ml, IEnumerable<MotifData.Row> rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new ClassRow { Sequence = r.Sequence, Label = r.Class }));

    internal static IDataView CountData(MLContext ml, IEnumerable<MotifData.Row> rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new CountRow { Sequence = r.Sequence, Label = r.Count }));

    public sealed class BinaryRow
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
    }

    public sealed class ClassRow
    {
        public string Sequence { get; set; } = "";
        public string Label { get; set; } = "";
    }

    public sealed class CountRow
    {
        public string Sequence { get; set; } = "";
        public float Label { get; set; }
    }
}
