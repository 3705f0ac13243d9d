// One-hot encode DNA inside an ML.NET pipeline.
// Run: dotnet run --project examples/EncodeSequences
using Cnn.MLNet;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);

// A handful of sequences: IUPAC ambiguity codes (R = A/G, N = any), a gap, soft-masked
// (lowercase) repeats, and different lengths.
var rows = new[]
{
    new SequenceRow { Id = "seq1", Sequence = "ACGTRacgtN" },
    new SequenceRow { Id = "seq2", Sequence = "TTGACA" },
    new SequenceRow { Id = "seq3", Sequence = "GGC-ATTAyk" },
};
IDataView data = ml.Data.LoadFromEnumerable(rows);

// Length 12, centred; a fifth channel marks lowercase input.
var pipeline = ml.Transforms.OneHotEncodeSequence(new OneHotSequenceEstimator.Options
{
    OutputColumnName = "Features",
    InputColumnName = "Sequence",
    Length = 12,
    Anchor = SequenceAnchor.Centre,
    SoftMaskChannel = true,
});
var model = pipeline.Fit(data);
var spec = model.Spec;
Console.WriteLine($"Encoding spec: {spec.ToJson()}");

// Read the encoded column through a cursor and print the first row as a channels × length table.
var encoded = model.Transform(data);
float[] first = encoded.GetColumn<float[]>("Features").First();
Print(rows[0].Sequence, first, spec);

// Single rows (e.g. in a web service) go through a PredictionEngine.
var engine = ml.Model.CreatePredictionEngine<SequenceRow, EncodedRow>(model);
var query = new SequenceRow { Id = "query", Sequence = "acgtMMKK" };
Print(query.Sequence, engine.Predict(query).Features, spec);

// The spec travels with the column, so downstream components can check it.
SequenceEncodingSpec.TryRead(encoded.Schema["Features"], out var fromSchema);
Console.WriteLine($"Spec read back from the schema equals the model's: {spec.Equals(fromSchema)}");

static void Print(string sequence, float[] values, SequenceEncodingSpec spec)
{
    Console.WriteLine();
    Console.WriteLine($"\"{sequence}\" as {spec.ChannelCount} channels × {spec.Length} positions:");
    for (int channel = 0; channel < spec.ChannelCount; channel++)
    {
        var cells = Enumerable.Range(0, spec.Length)
            .Select(position => values[channel * spec.Length + position].ToString("0.##").PadLeft(5));
        Console.WriteLine($"{spec.Channels[channel],9} {string.Concat(cells)}");
    }
}

/// <summary>An input row.</summary>
internal sealed class SequenceRow
{
    public string Id { get; set; } = "";

    public string Sequence { get; set; } = "";
}

/// <summary>A PredictionEngine output row.</summary>
internal sealed class EncodedRow
{
    public float[] Features { get; set; } = [];
}
