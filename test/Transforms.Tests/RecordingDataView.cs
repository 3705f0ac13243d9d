using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Transforms.Tests;

/// <summary>
/// A pass-through IDataView that records which columns cursors request and how often each
/// column's getter is called, to test dependency computation and per-row caching.
/// </summary>
internal sealed class RecordingDataView(IDataView source) : IDataView
{
    public List<string[]> Requests { get; } = [];

    public Dictionary<string, int> GetterCalls { get; } = [];

    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var columns = columnsNeeded.ToList();
        Requests.Add([.. columns.Select(c => c.Name)]);
        return new Cursor(this, source.GetRowCursor(columns, rand));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(RecordingDataView owner, DataViewRowCursor inner) : DataViewRowCursor
    {
        public override DataViewSchema Schema => inner.Schema;

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override bool MoveNext() => inner.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = inner.GetGetter<TValue>(column);
            return (ref TValue value) =>
            {
                owner.GetterCalls[column.Name] = owner.GetterCalls.GetValueOrDefault(column.Name) + 1;
                getter(ref value);
            };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
