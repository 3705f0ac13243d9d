using System.Runtime.ExceptionServices;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A forward-only cursor over a sequence file, reading it line by line from its own open handle.
/// Each <see cref="MoveNext"/> reads one record, checks its structure and parses the values of the
/// active columns only (so a bad label in a column nobody asked for does not stop the read); bad
/// content throws <see cref="FormatException"/> from <see cref="MoveNext"/>.
/// </summary>
internal sealed class SequenceFileCursor : DataViewRowCursor
{
    private const int SequenceIndex = 0;
    private const int LabelIndex = 1;

    private readonly ISequenceRecordSource _source;
    private readonly ISequenceRecordReader _reader;
    private readonly bool[] _active;
    private readonly int _firstExtraIndex;
    private readonly string[] _extras;
    private long _position = -1;
    private bool _done;
    private ExceptionDispatchInfo? _failure;
    private ReadOnlyMemory<char> _sequence;
    private bool _booleanLabel;
    private float _singleLabel;
    private ReadOnlyMemory<char> _textLabel;

    /// <summary>Opens the file of <paramref name="source"/> for a new pass.</summary>
    /// <param name="source">The file's layout.</param>
    /// <param name="schema">The output schema built from <paramref name="source"/>.</param>
    /// <param name="active">Which columns of <paramref name="schema"/> are active.</param>
    public SequenceFileCursor(ISequenceRecordSource source, DataViewSchema schema, bool[] active)
    {
        _source = source;
        Schema = schema;
        _active = active;
        _firstExtraIndex = source.LabelKind == SequenceLabelKind.None ? 1 : 2;
        _extras = new string[source.ExtraColumnNames.Count];
        _reader = source.Open(readSequence: active[SequenceIndex]);
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public override long Position => _position;

    /// <inheritdoc/>
    public override long Batch => 0;

    /// <inheritdoc/>
    /// <remarks>After a bad record, every later call throws the same error: the cursor never skips a row.</remarks>
    public override bool MoveNext()
    {
        _failure?.Throw();
        if (_done)
            return false;
        try
        {
            if (!_reader.MoveNext())
            {
                _done = true;
                _reader.Dispose();
                return false;
            }
            ParseActiveValues();
            _position++;
            return true;
        }
        catch (FormatException e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) =>
    {
        EnsureOnRow();
        value = new DataViewRowId((ulong)_position, 0);
    };

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _active[Check(column)];

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The column is inactive, or <typeparamref name="TValue"/> is not its type.</exception>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = Check(column);
        if (!_active[index])
        {
            throw new InvalidOperationException(
                $"{_source.Path}: column '{column.Name}' is not active in this cursor; include it in the columns needed when creating the cursor.");
        }
        var type = Schema[index].Type;
        if (typeof(TValue) != type.RawType)
        {
            throw new InvalidOperationException(
                $"{_source.Path}: column '{column.Name}' holds {SchemaLookup.Describe(type)} (read as {ClrName(type.RawType)}); it cannot be read as {ClrName(typeof(TValue))}.");
        }
        Delegate getter = index switch
        {
            SequenceIndex => Getter(() => _sequence),
            LabelIndex when _source.LabelKind == SequenceLabelKind.Boolean => Getter(() => _booleanLabel),
            LabelIndex when _source.LabelKind == SequenceLabelKind.Single => Getter(() => _singleLabel),
            LabelIndex when _source.LabelKind == SequenceLabelKind.Text => Getter(() => _textLabel),
            _ => ExtraGetter(index - _firstExtraIndex),
        };
        return (ValueGetter<TValue>)getter;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_done)
        {
            _done = true;
            _reader.Dispose();
        }
        _failure = null; // a disposed cursor just ends
        base.Dispose(disposing);
    }

    private void ParseActiveValues()
    {
        string path = _source.Path;
        long line = _reader.LineNumber;
        if (_active[SequenceIndex])
        {
            _sequence = _reader.Sequence.AsMemory().Trim();
            if (_sequence.IsEmpty)
                throw SequenceFileErrors.Content(path, line, _source.SequenceColumnName, "the sequence is empty.");
        }
        if (_source.LabelKind != SequenceLabelKind.None && _active[LabelIndex])
        {
            string label = _reader.Label!;
            string column = _source.LabelColumnName;
            switch (_source.LabelKind)
            {
                case SequenceLabelKind.Boolean: _booleanLabel = LabelParser.ParseBoolean(label, path, line, column); break;
                case SequenceLabelKind.Single: _singleLabel = LabelParser.ParseSingle(label, path, line, column); break;
                default: _textLabel = LabelParser.ParseText(label, path, line, column); break;
            }
        }
        for (int i = 0; i < _extras.Length; i++)
        {
            if (_active[_firstExtraIndex + i])
                _extras[i] = _reader.GetExtra(i);
        }
    }

    private ValueGetter<T> Getter<T>(Func<T> current) => (ref T value) =>
    {
        EnsureOnRow();
        value = current();
    };

    private ValueGetter<ReadOnlyMemory<char>> ExtraGetter(int extra) => (ref ReadOnlyMemory<char> value) =>
    {
        EnsureOnRow();
        value = _extras[extra].AsMemory();
    };

    private void EnsureOnRow()
    {
        if (_position < 0 || _done || _failure is not null)
            throw new InvalidOperationException($"{_source.Path}: the cursor is not on a row; call MoveNext first and read values only while it returns true.");
    }

    private static string ClrName(Type type) =>
        type == typeof(ReadOnlyMemory<char>) ? "ReadOnlyMemory<char>" : type.Name;

    private int Check(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' (index {column.Index}) is not a column of the sequence file '{_source.Path}'.");
        }
        return column.Index;
    }
}
