using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A forward-only cursor over the windows of a <see cref="ScanWindowDataView"/>: chromosome by
/// chromosome, window <c>k</c> starting at <c>k · stride</c>, <c>k</c> counted from each plan entry's
/// <see cref="GenomeScanChromosome.FirstWindow"/>. What the window column holds is the
/// <see cref="ScanWindowColumn"/>'s business; it reads the bases with <see cref="CopyWindow"/>.
/// </summary>
internal sealed class ScanWindowCursor : DataViewRowCursor
{
    private readonly Genome _genome;
    private readonly IReadOnlyList<GenomeScanChromosome> _plan;
    private readonly int _length;
    private readonly int _stride;
    private readonly ScanWindowColumn _column;
    private readonly bool[] _active;
    private long _position = -1;
    private int _chromosome;
    private long _window = -1;
    private bool _done;
    private int _chromosomeIndex;
    private ReadOnlyMemory<char> _chromosomeName;

    /// <summary>Starts a pass over the windows of <paramref name="plan"/>.</summary>
    public ScanWindowCursor(Genome genome, IReadOnlyList<GenomeScanChromosome> plan, int length, int stride, ScanWindowColumn column, DataViewSchema schema, bool[] active)
    {
        _genome = genome;
        _plan = plan;
        _length = length;
        _stride = stride;
        _column = column;
        Schema = schema;
        _active = active;
    }

    /// <summary>Bases per window.</summary>
    public int WindowLength => _length;

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
        _window++;
        while (_chromosome < _plan.Count && _window >= _plan[_chromosome].Windows)
        {
            _chromosome++;
            _window = 0;
        }
        if (_chromosome >= _plan.Count)
        {
            _done = true;
            return false;
        }
        if (_window == 0)
        {
            _chromosomeName = _plan[_chromosome].Chromosome.AsMemory();
            _chromosomeIndex = _genome.IndexOf(_plan[_chromosome].Chromosome);
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
            ScanWindowDataView.Window => _column.CreateGetter(this),
            ScanWindowDataView.Chromosome => Getter(() => _chromosomeName),
            ScanWindowDataView.Start => Getter(StartOfWindow),
            _ => Getter(() => StartOfWindow() + _length),
        };
        return (ValueGetter<TValue>)getter;
    }

    /// <summary>The index of <paramref name="column"/> in <paramref name="schema"/>, checked.</summary>
    internal static int Check(DataViewSchema schema, DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= schema.Count || schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), column.Name, $"Column '{column.Name}' (index {column.Index}) is not a column of the genome scan's windows.");
        return column.Index;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _done = true;
        base.Dispose(disposing);
    }

    private long StartOfWindow() => GenomeScanWindows.Start(_plan[_chromosome].FirstWindow + _window, _stride);

    /// <summary>Writes the current window's bases into <paramref name="destination"/> (<see cref="WindowLength"/> characters) as <see cref="Genome.Slice"/> cuts them: N past the chromosome's end, case kept.</summary>
    /// <exception cref="InvalidOperationException">The cursor is not on a row.</exception>
    public void CopyWindow(Span<char> destination)
    {
        EnsureOnRow();
        _genome.Bases.Read(_chromosomeIndex, StartOfWindow(), destination);
    }

    private ValueGetter<T> Getter<T>(Func<T> current) => (ref T value) =>
    {
        EnsureOnRow();
        value = current();
    };

    private void EnsureOnRow()
    {
        if (_position < 0 || _done)
            throw new InvalidOperationException("The genome scan's windows: the cursor is not on a row; call MoveNext first and read values only while it returns true.");
    }
}
