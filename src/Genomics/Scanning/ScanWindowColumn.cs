using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// What each window's bases become in the first column of a <see cref="ScanWindowDataView"/>:
/// text for the model's whole pipeline (<see cref="ScanWindowText"/>), or the network's input
/// already encoded by the model's own encoder (<see cref="ScanWindowEncoding"/>). The view and its
/// cursor walk the windows; this decides only what a window's value is.
/// </summary>
internal abstract class ScanWindowColumn(DataViewSchema.DetachedColumn column)
{
    /// <summary>The column's name, type and annotations.</summary>
    public DataViewSchema.DetachedColumn Column { get; } = column;

    /// <summary>
    /// A <see cref="ValueGetter{TValue}"/> (of the column's raw type) for the current window of
    /// <paramref name="cursor"/>, which supplies the window's bases with <see cref="ScanWindowCursor.CopyWindow"/>.
    /// </summary>
    public abstract Delegate CreateGetter(ScanWindowCursor cursor);
}
