using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Tests.Tracks;

/// <summary>
/// Sequences with 0–2 planted copies of a motif (either orientation) and a stranded pair of count
/// tracks: every copy puts Poisson(25) reads on the plus strand 3 bases before it and on the minus
/// strand 2 bases after it. The rule is the same on both strands, so reverse-complement augmentation
/// is exact, and the total count depends on the number of copies.
/// </summary>
internal static class FootprintData
{
    public const string Motif = "GATAAGCT";
    public const int Length = 60, OutputLength = 40, Crop = (Length - OutputLength) / 2;

    public sealed class Row
    {
        public string Sequence { get; set; } = "";

        [VectorType(2 * OutputLength)]
        public float[] Label { get; set; } = [];

        /// <summary>Where the copies start, in input positions.</summary>
        public int[] Starts { get; set; } = [];
    }

    public static List<Row> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>();
        string reverse = new(Motif.Reverse().Select(b => b switch { 'A' => 'T', 'C' => 'G', 'G' => 'C', _ => 'A' }).ToArray());
        for (int i = 0; i < count; i++)
        {
            var bases = Enumerable.Range(0, Length).Select(_ => "ACGT"[random.Next(4)]).ToArray();
            var label = new float[2 * OutputLength];
            int copies = random.Next(3);
            var starts = new List<int>();
            for (int c = 0; c < copies; c++)
            {
                // Copies inside the output window with room for both footprints, not overlapping.
                int start = Crop + 4 + random.Next(OutputLength - Motif.Length - 8);
                if (starts.Any(s => Math.Abs(s - start) < Motif.Length + 6)) continue;
                starts.Add(start);
                (random.Next(2) == 0 ? Motif : reverse).CopyTo(0, bases, start, Motif.Length);
                label[start - 3 - Crop] += Poisson(random, 25);
                label[OutputLength + start + Motif.Length + 1 - Crop] += Poisson(random, 25);
            }
            // A little background everywhere, so no window is empty.
            for (int j = 0; j < label.Length; j++) label[j] += random.NextDouble() < 0.05 ? 1 : 0;
            rows.Add(new Row { Sequence = new string(bases), Label = label, Starts = [.. starts] });
        }
        return rows;
    }

    public static IDataView Encode(MLContext ml, IEnumerable<Row> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows.ToList());
        return ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: Length).Fit(data).Transform(data);
    }

    private static int Poisson(Random random, double mean)
    {
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= random.NextDouble(); } while (p > l);
        return k - 1;
    }
}
