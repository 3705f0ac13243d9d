using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A forward-only cursor over a <see cref="ProfileDataView"/>. A row's bases and label are read on
/// the first read of their column at that row and kept until the next <see cref="MoveNext"/>, so a
/// row costs one genome slice and one read per track, and rows whose label is not read cost no
/// track read at all.
/// </summary>
internal sealed class ProfileCursor : DataViewRowCursor
{
    private const int SequenceIndex = 0, LabelIndex = 1, ChromosomeIndex = 2, StartIndex = 3, EndIndex = 4, IsPeakIndex = 5;
    private readonly Genome _genome;
    private readonly IReadOnlyList<ProfileWindow> _windows;
    private readonly int[]? _order;
    private readonly ProfileLabelReader _reader;
    private readonly int _length;
    private readonly bool[] _active;
    private readonly float[] _label;
    private long _position = -1;
    private bool _done, _labelRead;
    private string? _sequence;

    /// <summary>Starts a pass over <paramref name="windows"/>, in <paramref name="order"/> when given.</summary>
    public ProfileCursor(Genome genome, IReadOnlyList<ProfileWindow> windows, int[]? order, ProfileLabelReader reader, int length, DataViewSchema schema, bool[] active)
    {
        _genome = genome;
        _windows = windows;
        _order = order;
        _reader = reader;
        _length = length;
        Schema = schema;
        _active = active;
        _label = new float[reader.Size];
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
        _labelRead = false;
        if (_position + 1 >= _windows.Count)
        {
            _done = true;
            return false;
        }
        _position++;
        return true;
    }

    /// <inheritdoc/>
    // The id is the row's index in the view, not its place in this pass, so a shuffled pass gives the same ids.
    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) =>
    {
        EnsureOnRow();
        value = new DataViewRowId((ulong)Index, 0);
    };

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _active[Check(Schema, column)];

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The column is inactive, or <typeparamref name="TValue"/> is not its type.</exception>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = Check(Schema, column);
        if (!_active[index])
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; include it in the columns needed when creating the cursor.");
        var type = Schema[index].Type;
        if (typeof(TValue) != type.RawType)
            throw new InvalidOperationException($"Column '{column.Name}' holds {SchemaLookup.Describe(type)}; it cannot be read as {typeof(TValue).Name}.");
        Delegate getter = index switch
        {
            SequenceIndex => Getter(() => (_sequence ??= _genome.Slice(Current.Chromosome, Current.Start, _length)).AsMemory()),
            LabelIndex => (ValueGetter<VBuffer<float>>)LabelValue,
            ChromosomeIndex => Getter(() => Current.Chromosome.AsMemory()),
            StartIndex => Getter(() => Current.Start),
            EndIndex => Getter(() => Current.Start + _length),
            _ => Getter(() => Current.IsPeak),
        };
        return (ValueGetter<TValue>)getter;
    }

    /// <summary>The index of <paramref name="column"/> in <paramref name="schema"/>, checked.</summary>
    internal static int Check(DataViewSchema schema, DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= schema.Count || schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), column.Name, $"Column '{column.Name}' (index {column.Index}) is not a column of the profile view.");
        return column.Index;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _done = true;
        _sequence = null;
        base.Dispose(disposing);
    }

    private int Index => _order is null ? (int)_position : _order[_position];

    private ProfileWindow Current => _windows[Index];

    private void LabelValue(ref VBuffer<float> value)
    {
        EnsureOnRow();
        if (!_labelRead)
        {
            _reader.Read(Current, _label);
            _labelRead = true;
        }
        var editor = VBufferEditor.Create(ref value, _label.Length);
        _label.CopyTo(editor.Values);
        value = editor.Commit();
    }

    private ValueGetter<T> Getter<T>(Func<T> current) => (ref T value) =>
    {
        EnsureOnRow();
        value = current();
    };

    private void EnsureOnRow()
    {
        if (_position < 0 || _done)
            throw new InvalidOperationException("The profile view: the cursor is not on a row; call MoveNext first and read values only while it returns true.");
    }
}
