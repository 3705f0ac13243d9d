using Cnn.MLNet.Trainers;
using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Runs allele sequences (<see cref="VariantWindows.Extended"/>) through a model and averages each
/// sequence's outputs over its shifts and, with both strands, its reverse complements. Windows take
/// the genome scanner's route (<see cref="GenomeScanRoute"/>): for an encoder → CNN chain they are
/// encoded by the encoder's own code straight into the CNN's input column
/// (<see cref="VariantWindowDataView"/>) and only the CNN runs; any other chain gets them as text
/// through its whole <c>Transform</c>. Both give the same values.
/// <para>
/// Every call sends the same number of rows (unused ones are all-N windows), and callers put each
/// sequence at a row fixed by the variant itself, not by what else is in the batch. TorchSharp's CPU
/// kernels gave last-bit differences for the same window in a batch of another size (seen here:
/// batches of 3 against 4 variants), so the shape is fixed. A dependence on the row within a batch
/// was not seen (a probe of 8 rows gave the same bits at every row and beside any neighbours), but a
/// fixed row rules it out at no cost. Together they keep a variant's numbers independent of its
/// neighbours, and chunked runs equal to whole runs byte for byte.
/// The view is bound to the model once; each call refills its rows and opens a new cursor.
/// </para>
/// </summary>
internal sealed class VariantBatchScorer
{
    private sealed class WindowRow
    {
        public ReadOnlyMemory<char> Sequence { get; set; }
    }

    private readonly VariantOutputs _outputs;
    private readonly WindowRow[] _rows;
    private readonly ReadOnlyMemory<char>[] _direct;
    private readonly IDataView _scored;
    private readonly int _shifts;
    private readonly bool _bothStrands;
    private readonly ReadOnlyMemory<char> _empty;

    /// <param name="ml">The context.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="outputs">What to read from it.</param>
    /// <param name="capacity">Allele sequences per call.</param>
    /// <param name="shifts">K: windows at shifts −K…K are averaged.</param>
    /// <param name="bothStrands">Also average the reverse complements.</param>
    /// <param name="text">Take the text route whatever the model (tests hold the direct route to it).</param>
    public VariantBatchScorer(MLContext ml, ITransformer model, VariantOutputs outputs, int capacity, int shifts, bool bothStrands, bool text = false)
    {
        _outputs = outputs;
        _shifts = shifts;
        _bothStrands = bothStrands;
        Capacity = capacity;
        _empty = new string('N', outputs.Model.Length).AsMemory();
        _rows = Enumerable.Range(0, capacity * WindowsPerSequence).Select(_ => new WindowRow { Sequence = _empty }).ToArray();
        _direct = new ReadOnlyMemory<char>[_rows.Length];
        // The scanner's rule: encoder then CNN can skip the encoder's ML.NET rows (same values); any other chain gets text.
        var route = GenomeScanRoute.For(model, outputs.Model);
        if (!text && route.Direct && CnnChain.Stages(model)[0] is OneHotSequenceTransformer encoder)
        {
            Direct = true;
            _scored = route.Scorer.Transform(new VariantWindowDataView(encoder, _direct));
        }
        else
        {
            var schema = SchemaDefinition.Create(typeof(WindowRow));
            schema[0].ColumnName = outputs.Model.SequenceColumn;
            _scored = model.Transform(ml.Data.LoadFromEnumerable(_rows, schema));
        }
    }

    /// <summary>Whether windows skip the encoder's rows (the direct route).</summary>
    public bool Direct { get; }

    /// <summary>Allele sequences per call.</summary>
    public int Capacity { get; }

    private int WindowsPerSequence => (2 * _shifts + 1) * (_bothStrands ? 2 : 1);

    /// <summary>
    /// Scores the <see cref="Capacity"/> sequences of <paramref name="sequences"/> (null: an empty
    /// row) into <paramref name="results"/> (sequence-major, <see cref="VariantOutputs.Count"/> values each).
    /// </summary>
    public void Score(string?[] sequences, float[] results)
    {
        if (sequences.Length != Capacity) throw new ArgumentException($"A batch holds {Capacity} sequences.", nameof(sequences));
        int length = _outputs.Model.Length, per = WindowsPerSequence, count = _outputs.Count;
        int row = 0;
        foreach (string? sequence in sequences)
        {
            if (sequence is null)
            {
                for (int w = 0; w < per; w++) _rows[row++].Sequence = _empty;
                continue;
            }
            string reverse = _bothStrands ? DnaText.ReverseComplement(sequence) : "";
            for (int s = -_shifts; s <= _shifts; s++)
            {
                _rows[row++].Sequence = sequence.AsMemory(_shifts + s, length);
                // The reverse strand of the window at shift s is the slice of the reverse sequence mirrored about its middle.
                if (_bothStrands) _rows[row++].Sequence = reverse.AsMemory(_shifts - s, length);
            }
        }

        if (Direct)
        {
            for (int r = 0; r < _rows.Length; r++) _direct[r] = _rows[r].Sequence;
        }
        var sums = new double[count];
        using var cursor = _scored.GetRowCursor([_scored.Schema[_outputs.Model.ValueColumn]]);
        var read = Reader(cursor);
        var values = new float[count];
        for (int i = 0; i < sequences.Length; i++)
        {
            Array.Clear(sums);
            for (int w = 0; w < per; w++)
            {
                if (!cursor.MoveNext()) throw new InvalidOperationException("The model returned fewer rows than it was given.");
                read(values);
                for (int o = 0; o < count; o++) sums[o] += values[o];
            }
            for (int o = 0; o < count; o++)
                results[i * count + o] = per == 1 ? values[o] : (float)(sums[o] / per);
        }
    }

    private Action<float[]> Reader(DataViewRowCursor cursor)
    {
        var column = _scored.Schema[_outputs.Model.ValueColumn];
        if (_outputs.Model.Slot is null)
        {
            var get = cursor.GetGetter<float>(column);
            float value = 0;
            return values => { get(ref value); values[0] = value; };
        }
        var getVector = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        return values =>
        {
            getVector(ref buffer);
            for (int o = 0; o < values.Length; o++) values[o] = buffer.GetItemOrDefault(o);
        };
    }
}
