using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// The rows of a source view whose text <c>Chromosome</c> column is one of a set of names; the schema
/// is the source's. Every cursor reads the source through (the chromosome column is always read),
/// in the source's shuffled order when asked and the source can shuffle.
/// </summary>
internal sealed class ChromosomeFilterDataView : IDataView
{
    private readonly IDataView _source;
    private readonly DataViewSchema.Column _chromosome;
    private readonly HashSet<string> _keep;

    /// <summary>Keeps the rows of <paramref name="source"/> whose <paramref name="chromosome"/> value is in <paramref name="keep"/>.</summary>
    public ChromosomeFilterDataView(IDataView source, DataViewSchema.Column chromosome, IEnumerable<string> keep)
    {
        _source = source;
        _chromosome = chromosome;
        _keep = new HashSet<string>(keep, StringComparer.Ordinal);
    }

    /// <summary>
    /// As the source: dropping rows keeps a shuffled order shuffled, so training reads a fully
    /// shuffled part of a shuffleable source (profile windows, in-memory peaks) instead of falling
    /// back to ML.NET's pool shuffle over rows in genome order.
    /// </summary>
    public bool CanShuffle => _source.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema => _source.Schema;

    /// <inheritdoc/>
    public long? GetRowCount() => null;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.Append(_chromosome).DistinctBy(c => c.Index).ToArray();
        var inner = _source.GetRowCursor(needed, _source.CanShuffle ? rand : null);
        return new ChromosomeFilterCursor(inner, inner.GetGetter<ReadOnlyMemory<char>>(_chromosome), _keep);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class ChromosomeFilterCursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _inner;
        private readonly ValueGetter<ReadOnlyMemory<char>> _chromosome;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _keep;
        private long _position = -1;

        public ChromosomeFilterCursor(DataViewRowCursor inner, ValueGetter<ReadOnlyMemory<char>> chromosome, HashSet<string> keep)
        {
            _inner = inner;
            _chromosome = chromosome;
            _keep = keep.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public override DataViewSchema Schema => _inner.Schema;

        public override long Position => _position;

        public override long Batch => _inner.Batch;

        public override bool MoveNext()
        {
            ReadOnlyMemory<char> name = default;
            while (_inner.MoveNext())
            {
                _chromosome(ref name);
                if (_keep.Contains(name.Span))
                {
                    _position++;
                    return true;
                }
            }
            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _inner.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
