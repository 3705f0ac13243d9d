using Microsoft.ML;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// An <see cref="IDataView"/> over prepared windows of a genome: the windows (place and label) are
/// held as a list, the bases are cut from the shared <see cref="Genome"/> as each row is read. The
/// row count is known; the view does not shuffle itself (<c>ml.Data.ShuffleRows</c> shuffles it).
/// </summary>
internal sealed class IntervalSequenceDataView : IDataView
{
    private readonly Genome _genome;
    private readonly IReadOnlyList<IntervalWindow> _windows;
    private readonly int _length;
    private readonly IntervalLabelSource _labelSource;
    private readonly SequenceLabelKind _labelKind;

    /// <summary>Creates the view; the options are copied, so later changes to them do not affect it.</summary>
    public IntervalSequenceDataView(Genome genome, IntervalSequenceOptions options, IReadOnlyList<IntervalWindow> windows)
    {
        _genome = genome;
        _windows = windows;
        _length = options.Length;
        _labelSource = options.LabelSource;
        _labelKind = options.LabelKind;
        Schema = IntervalSequenceSchema.Build(_labelSource, _labelKind, _labelSource == IntervalLabelSource.Tasks ? options.ResolveTaskNames() : []);
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => _windows.Count;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
            active[IntervalSequenceCursor.Check(Schema, column, _genome.Path)] = true;
        return new IntervalSequenceCursor(_genome, _windows, _length, _labelSource, _labelKind, Schema, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
