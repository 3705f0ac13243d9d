using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Tests.Persistence;

/// <summary>Tiny simulated DNA datasets for save/load tests: random 30-bp sequences with planted motifs.</summary>
internal static class PersistenceData
{
    public const int Length = 30;
    private const string MotifA = "CGACCGAACTCC";
    private const string MotifB = "TTGACGTCAA";

    public sealed class Row
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
        public string Class { get; set; } = "";
        public float Count { get; set; }
        [VectorType(2)] public float[] Targets { get; set; } = new float[2];
    }

    /// <summary>Label = has motif A (left half); Class = "A", "B", "AB" or "none"; Count = motifs; Targets = [has A, has B].</summary>
    public static List<Row> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            var bases = new char[Length];
            for (int p = 0; p < Length; p++) bases[p] = "ACGT"[random.Next(4)];
            bool a = random.Next(2) == 1, b = random.Next(2) == 1;
            int half = Length / 2;
            if (a) MotifA.CopyTo(0, bases, random.Next(half - MotifA.Length + 1), MotifA.Length);
            if (b) MotifB.CopyTo(0, bases, half + random.Next(half - MotifB.Length + 1), MotifB.Length);
            rows.Add(new Row
            {
                Sequence = new string(bases),
                Label = a,
                Class = a && b ? "AB" : a ? "A" : b ? "B" : "none",
                Count = (a ? 1 : 0) + (b ? 1 : 0),
                Targets = [a ? 1 : 0, b ? 1 : 0],
            });
        }
        return rows;
    }

    public static IDataView Train(MLContext ml) => ml.Data.LoadFromEnumerable(Generate(300, seed: 1));

    public static List<Row> TestRows() => Generate(60, seed: 2);

    public static IDataView Test(MLContext ml) => ml.Data.LoadFromEnumerable(TestRows());
}

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnn-mlnet-persistence-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>Tests that train networks (and so seed TorchSharp's global generators) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "TorchSharp (persistence)";
}
