using Cnn.MLNet.Trainers;
using Microsoft.ML;

namespace Cnn.MLNet.Pipelines.Tests.Sweeps;

/// <summary>Data and a small search space for sweep tests, where the right answer is known.</summary>
internal static class SweepData
{
    /// <summary>
    /// Four classes of 50-bp DNA: motif A (12 bp) in the first half, motif B (10 bp) in the second,
    /// both or neither. Telling them apart needs at least two motif detectors of about the motifs'
    /// width, so one 3-wide filter underfits (chance is 0.25) and 32 12-wide filters do not.
    /// </summary>
    public static IDataView FourClasses(MLContext ml, int rows = 1200, int seed = 7) =>
        ml.Data.LoadFromEnumerable(MotifData.Generate(rows, seed).Select(r => new ClassRow { Sequence = r.Sequence, Label = r.Class }).ToList());

    /// <summary>A space that holds both an underfitting network (1 filter × 3) and a sufficient one (32 × 12).</summary>
    public static CnnSearchSpace SmallAndLarge() => new()
    {
        Filters = [1, 32],
        KernelSizes = [3, 12],
        ConvBlocks = [1],
        Pools = [Pooling.Max],
        PoolSizes = [4],
        BatchNorm = [false],
        Dropouts = [0],
        DenseUnits = [0, 16],
        BatchSizes = [32],
        MinLearningRate = 1e-3,
        MaxLearningRate = 1e-2,
        ReverseComplement = [false],
        EncodingOrders = [1],
    };

    /// <summary>The leaderboard CSV without the timing column, which differs from run to run.</summary>
    public static string WithoutSeconds(string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        int seconds = Array.IndexOf(lines[0].Split(','), "seconds");
        return string.Join("\n", lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != seconds))));
    }

    public sealed class ClassRow
    {
        public string Sequence { get; set; } = "";
        public string Label { get; set; } = "";
    }
}
