using Microsoft.ML;

namespace Cnn.MLNet.Tests.Shared;

/// <summary>
/// Small simulated sequence datasets with known answers, shared (as a linked source file) by the
/// test projects that train networks.
/// </summary>
internal static class MotifData
{
    public const string MotifA = "CGACCGAACTCC";
    public const string MotifB = "TTGACGTCAA";

    public sealed class Row
    {
        public string Sequence { get; set; } = "";
        public bool Label { get; set; }
        public string Class { get; set; } = "";
        public float Count { get; set; }
        [Microsoft.ML.Data.VectorType(2)] public float[] Targets { get; set; } = new float[2];
        /// <summary>Where motif A was planted (first base, 0-based), or -1 when absent. Not a data-view column.</summary>
        [Microsoft.ML.Data.NoColumn] public int StartA { get; set; } = -1;
    }

    /// <summary>
    /// Random DNA of <paramref name="length"/> bases; each row carries motif A with probability ½
    /// and motif B with probability ½ (independently, non-overlapping). Label = has A; Class =
    /// "A", "B", "AB" or "none"; Count = occurrences of A and B; Targets = [has A, has B];
    /// StartA = where A was planted (-1 when absent; not a column, so the data views are unchanged).
    /// </summary>
    public static List<Row> Generate(int count, int seed, int length = 50)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            var bases = new char[length];
            for (int p = 0; p < length; p++) bases[p] = "ACGT"[random.Next(4)];
            bool a = random.Next(2) == 1, b = random.Next(2) == 1;
            int half = length / 2;
            int startA = a ? random.Next(half - MotifA.Length + 1) : -1;
            if (a) MotifA.CopyTo(0, bases, startA, MotifA.Length);
            if (b) MotifB.CopyTo(0, bases, half + random.Next(half - MotifB.Length + 1), MotifB.Length);
            rows.Add(new Row
            {
                Sequence = new string(bases),
                Label = a,
                Class = a && b ? "AB" : a ? "A" : b ? "B" : "none",
                Count = (a ? 1 : 0) + (b ? 1 : 0),
                Targets = [a ? 1 : 0, b ? 1 : 0],
                StartA = startA,
            });
        }
        return rows;
    }

    public static IDataView Load(MLContext ml, int count, int seed, int length = 50) => ml.Data.LoadFromEnumerable(Generate(count, seed, length));
}
