using Cnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// A batch of variant windows already encoded as the model's one-hot encoder encodes them, in the
/// encoder's own output column (name, size, spec annotation): the direct route of
/// <see cref="GenomeScanRoute"/>, so only the CNN runs and no encoder row is built per window. The
/// values and error messages are the encoder's own (<see cref="OneHotSequenceTransformer.EncodeRow"/>).
/// The rows are the caller's array, read when a cursor reads them.
/// </summary>
internal sealed class VariantWindowDataView(OneHotSequenceTransformer encoder, ReadOnlyMemory<char>[] rows) : IDataView
{
    public DataViewSchema Schema { get; } = SchemaOf(encoder);

    public bool CanShuffle => false;

    public long? GetRowCount() => rows.Length;

    private static DataViewSchema SchemaOf(OneHotSequenceTransformer encoder)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(encoder.OutputColumn.Name, encoder.OutputColumn.Type, encoder.OutputColumn.Annotations);
        return builder.ToSchema();
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Any());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(VariantWindowDataView view, bool active) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext() => ++_position < view.GetRowCount();

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active && column.Index == 0;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != 0 || typeof(TValue) != typeof(VBuffer<float>))
                throw new InvalidOperationException($"The variant windows have one column, '{view.Schema[0].Name}' (a vector of Single).");
            Func<long> row = () => _position;
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) => view.Encoder.EncodeRow(view.Rows[_position].Span, ref value, row);
            return (ValueGetter<TValue>)(Delegate)getter;
        }
    }

    private OneHotSequenceTransformer Encoder => encoder;

    private ReadOnlyMemory<char>[] Rows => rows;
}
