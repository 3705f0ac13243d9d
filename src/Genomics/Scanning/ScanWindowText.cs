using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// The window's bases as text (N past the chromosome's end, case kept), for models whose chain the
/// scanner cannot take apart: the model's own <c>Transform</c> then encodes and scores them.
/// </summary>
internal sealed class ScanWindowText(string sequenceColumn)
    : ScanWindowColumn(new DataViewSchema.DetachedColumn(sequenceColumn, TextDataViewType.Instance))
{
    /// <inheritdoc/>
    public override Delegate CreateGetter(ScanWindowCursor cursor)
    {
        // One string per window, made on its first read and kept for later reads of the same row:
        // a ReadOnlyMemory handed out must not change under its reader, so no buffer is reused.
        string? text = null;
        long row = -1;
        ValueGetter<ReadOnlyMemory<char>> getter = (ref ReadOnlyMemory<char> value) =>
        {
            if (text is null || row != cursor.Position)
            {
                text = string.Create(cursor.WindowLength, cursor, static (span, c) => c.CopyWindow(span));
                row = cursor.Position;
            }
            value = text.AsMemory();
        };
        return getter;
    }
}
