using Cnn.MLNet.Transforms;
using Microsoft.ML;

namespace Cnn.MLNet.Trainers.Tests.Attribution;

/// <summary>Random sequences and their one-hot encoding in the column "Features", for the attribution tests.</summary>
internal static class AttributionTestData
{
    public static List<string> RandomSequences(int count, int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => new string(Enumerable.Range(0, length).Select(_ => "ACGT"[random.Next(4)]).ToArray())).ToList();
    }

    public static IDataView Encode(MLContext ml, IEnumerable<string> sequences, int length, SequenceAlphabet alphabet = SequenceAlphabet.Dna)
    {
        var data = ml.Data.LoadFromEnumerable(sequences.Select(s => new MotifData.Row { Sequence = s }).ToList());
        return ml.Transforms.OneHotEncodeSequence("Features", "Sequence", length: length, alphabet: alphabet).Fit(data).Transform(data);
    }
}
