using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A forward-only cursor over the windows of an <see cref="IntervalSequenceDataView"/>. The bases of
/// a row are cut from the genome on the first read of <c>Sequence</c> at that row and kept until the
/// next <see cref="MoveNext"/>.
/// </summary>
internal sealed class IntervalSequenceCursor : DataViewRowCursor
{
    private readonly Genome _genome;
    private readonly IReadOnlyList<IntervalWindow> _windows;
    private readonly int _length;
    private readonly IntervalLabelSource _labelSource;
    private readonly SequenceLabelKind _labelKind;
    private readonly bool[] _active;
    private long _position = -1;
    private bool _done;
    private string? _sequence;

    /// <summary>Starts a pass over <paramref name="windows"/>.</summary>
    public IntervalSequenceCursor(Genome genome, IReadOnlyList<IntervalWindow> windows, int length,
        IntervalLabelSource labelSource, SequenceLabelKind labelKind, DataViewSchema schema, bool[] active)
    {
        _genome = genome;
        _windows = windows;
        _length = length;
        _labelSource = labelSource;
        _labelKind = labelKind;
        Schema = schema;
        _active = active;
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public override long Position => _position;

    /// <inheritdoc/>
    public override long Batch => 0;

    /// <inheritdoc/>
    public override bool MoveNext()
    {
        if (_done)
            return false;
        _sequence = null;
        if (_position + 1 >= _windows.Count)
        {
            _done = true;
            return false;
        }
        _position++;
        return true;
    }

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) =>
    {
        EnsureOnRow();
        value = new DataViewRowId((ulong)_position, 0);
    };

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _active[Check(Schema, column, _genome.Path)];

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The column is inactive, or <typeparamref name="TValue"/> is not its type.</exception>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = Check(Schema, column, _genome.Path);
        if (!_active[index])
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; include it in the columns needed when creating the cursor.");
        var type = Schema[index].Type;
        if (typeof(TValue) != type.RawType)
            throw new InvalidOperationException($"Column '{column.Name}' holds {SchemaLookup.Describe(type)}; it cannot be read as {typeof(TValue).Name}.");
        Delegate getter = index switch
        {
            IntervalSequenceSchema.Sequence => Getter(() => Sequence().AsMemory()),
            IntervalSequenceSchema.Chromosome => Getter(() => Current.Chromosome.AsMemory()),
            IntervalSequenceSchema.Start => Getter(() => Current.Start),
            IntervalSequenceSchema.End => Getter(() => Current.Start + _length),
            _ => LabelGetter(),
        };
        return (ValueGetter<TValue>)getter;
    }

    /// <summary>The index of <paramref name="column"/> in <paramref name="schema"/>, checked.</summary>
    internal static int Check(DataViewSchema schema, DataViewSchema.Column column, string genomePath)
    {
        if (column.Index < 0 || column.Index >= schema.Count || schema[column.Index].Name != column.Name)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' (index {column.Index}) is not a column of the interval view over '{genomePath}'.");
        }
        return column.Index;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _done = true;
        _sequence = null;
        base.Dispose(disposing);
    }

    private IntervalWindow Current => _windows[(int)_position];

    private string Sequence() => _sequence ??= _genome.Slice(Current.Chromosome, Current.Start, _length);

    private Delegate LabelGetter() => _labelSource switch
    {
        IntervalLabelSource.Tasks => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            EnsureOnRow();
            var tasks = Current.Tasks!;
            var editor = VBufferEditor.Create(ref value, tasks.Length);
            tasks.CopyTo(editor.Values);
            value = editor.Commit();
        }),
        _ => _labelKind switch
        {
            SequenceLabelKind.Boolean => Getter(() => Current.Boolean),
            SequenceLabelKind.Single => Getter(() => Current.Single),
            _ => Getter(() => (Current.Text ?? "").AsMemory()),
        },
    };

    private ValueGetter<T> Getter<T>(Func<T> current) => (ref T value) =>
    {
        EnsureOnRow();
        value = current();
    };

    private void EnsureOnRow()
    {
        if (_position < 0 || _done)
            throw new InvalidOperationException($"The interval view over '{_genome.Path}': the cursor is not on a row; call MoveNext first and read values only while it returns true.");
    }
}
