using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>One input row: a sequence plus a pass-through column.</summary>
public sealed class SequenceRow
{
    public string? Sequence { get; set; }

    public float Score { get; set; }
}

/// <summary>A PredictionEngine output row.</summary>
public sealed class EncodedRow
{
    public float[] Features { get; set; } = [];

    public float Score { get; set; }
}

/// <summary>Helpers shared by the tests: run the transform end to end and compare matrices.</summary>
internal static class TestData
{
    public static MLContext NewContext() => new(seed: 1);

    public static IDataView Load(MLContext ml, params string?[] sequences) =>
        ml.Data.LoadFromEnumerable(sequences.Select((s, i) => new SequenceRow { Sequence = s, Score = i }).ToList());

    /// <summary>Fits on the sequences and returns the encoded rows, read through a cursor.</summary>
    public static float[][] Encode(OneHotSequenceEstimator.Options options, params string?[] sequences)
    {
        var ml = NewContext();
        var data = Load(ml, sequences);
        var transformer = ml.Transforms.OneHotEncodeSequence(options).Fit(data);
        return ReadColumn(transformer.Transform(data), options.OutputColumnName);
    }

    /// <summary>Encodes one DNA sequence with the given length and anchor.</summary>
    public static float[] EncodeOne(string sequence, int length, SequenceAnchor anchor = SequenceAnchor.Left,
        SequenceAlphabet alphabet = SequenceAlphabet.Dna, bool softMask = false, bool reverseComplement = false,
        UnknownCharacterPolicy unknown = UnknownCharacterPolicy.Error) =>
        Encode(new OneHotSequenceEstimator.Options
        {
            InputColumnName = "Sequence",
            Length = length,
            Anchor = anchor,
            Alphabet = alphabet,
            SoftMaskChannel = softMask,
            ReverseComplement = reverseComplement,
            UnknownCharacters = unknown,
        }, sequence)[0];

    public static float[][] ReadColumn(IDataView data, string name)
    {
        var column = data.Schema[name];
        var rows = new List<float[]>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows.Add(value.DenseValues().ToArray());
        }
        return [.. rows];
    }

    /// <summary>Flattens a (channels × length) matrix, channel-major, as the transform lays it out.</summary>
    public static float[] Flatten(float[,] matrix)
    {
        var result = new float[matrix.Length];
        int length = matrix.GetLength(1);
        for (int c = 0; c < matrix.GetLength(0); c++)
        {
            for (int p = 0; p < length; p++)
            {
                result[c * length + p] = matrix[c, p];
            }
        }
        return result;
    }

    public static void AssertMatrix(float[,] expected, float[] actual)
    {
        var flat = Flatten(expected);
        Assert.Equal(flat.Length, actual.Length);
        int length = expected.GetLength(1);
        for (int i = 0; i < flat.Length; i++)
        {
            Assert.True(flat[i] == actual[i],
                $"channel {i / length}, position {i % length}: expected {flat[i]}, got {actual[i]}");
        }
    }
}
