using System.Text;
using Cnn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics.Tests.Genomics;

/// <summary>
/// What the scan and variant fixtures share: random DNA, a FASTA of it (70 bases a line), and a
/// Zou2019 model trained to find <see cref="MotifData.MotifA"/> anywhere in a window.
/// </summary>
public static class PlantedMotifFiles
{
    /// <summary><paramref name="length"/> random bases A, C, G, T.</summary>
    public static char[] RandomBases(Random random, int length) => Enumerable.Range(0, length).Select(_ => "ACGT"[random.Next(4)]).ToArray();

    /// <summary>Writes the chromosomes as a FASTA of 70-base lines.</summary>
    public static void WriteFasta(string path, IEnumerable<KeyValuePair<string, char[]>> chromosomes)
    {
        var fasta = new StringBuilder();
        foreach (var (name, bases) in chromosomes)
        {
            fasta.Append('>').Append(name).Append('\n');
            for (int i = 0; i < bases.Length; i += 70)
                fasta.Append(bases, i, Math.Min(70, bases.Length - i)).Append('\n');
        }
        File.WriteAllText(path, fasta.ToString());
    }

    /// <summary>
    /// Trains on 1,600 random windows of <paramref name="length"/> bases, half holding the motif at a
    /// random place (position-invariant): 10 epochs of Zou2019, seed 1.
    /// </summary>
    public static TransformerChain<CnnPredictionTransformer> TrainMotifModel(MLContext ml, Random random, int length)
    {
        var rows = new List<MotifData.Row>();
        for (int i = 0; i < 1_600; i++)
        {
            var bases = RandomBases(random, length);
            bool motif = random.Next(2) == 1;
            if (motif) MotifData.MotifA.CopyTo(bases.AsSpan(random.Next(length - MotifData.MotifA.Length + 1)));
            rows.Add(new MotifData.Row { Sequence = new string(bases), Label = motif });
        }
        return ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: length)
            .Append(ml.BinaryClassification.Trainers.Cnn(new CnnBinaryTrainer.Options { Network = NetworkPresets.Zou2019(), Epochs = 10, BatchSize = 64, LearningRate = 3e-3, Seed = 1 }))
            .Fit(ml.Data.LoadFromEnumerable(rows));
    }
}
