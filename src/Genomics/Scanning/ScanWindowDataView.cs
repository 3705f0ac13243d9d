using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// The windows of a genome scan as a lazy <see cref="IDataView"/>: the window column (the bases as
/// text named as the model's encoder reads them, or already encoded: see <see cref="ScanWindowColumn"/>),
/// <c>Chromosome</c> (text), <c>Start</c> and <c>End</c> (Int64). Only the plan (chromosome, window
/// count) is held; each window's bases are read from the shared <see cref="Genome"/> when a row is
/// read, so a whole genome is never materialised.
/// </summary>
internal sealed class ScanWindowDataView : IDataView
{
    /// <summary>The chromosome column.</summary>
    public const string ChromosomeColumn = "Chromosome";

    /// <summary>The window's first base (0-based).</summary>
    public const string StartColumn = "Start";

    /// <summary>The window's end (exclusive; may lie past the chromosome's end).</summary>
    public const string EndColumn = "End";

    /// <summary>Column indices.</summary>
    internal const int Window = 0, Chromosome = 1, Start = 2, End = 3;

    private readonly Genome _genome;
    private readonly IReadOnlyList<GenomeScanChromosome> _plan;
    private readonly int _length;
    private readonly int _stride;
    private readonly ScanWindowColumn _window;

    /// <summary>A view over the windows of <paramref name="plan"/> (in that order), <paramref name="length"/> bases each, <paramref name="stride"/> apart.</summary>
    public ScanWindowDataView(Genome genome, IReadOnlyList<GenomeScanChromosome> plan, int length, int stride, ScanWindowColumn window)
    {
        _genome = genome;
        _plan = plan;
        _length = length;
        _stride = stride;
        _window = window;
        Schema = SchemaOf(window);
    }

    /// <summary>The schema of a view whose window column is <paramref name="window"/>, for binding models before scanning.</summary>
    public static DataViewSchema SchemaOf(ScanWindowColumn window)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(window.Column.Name, window.Column.Type, window.Column.Annotations);
        builder.AddColumn(ChromosomeColumn, TextDataViewType.Instance);
        builder.AddColumn(StartColumn, NumberDataViewType.Int64);
        builder.AddColumn(EndColumn, NumberDataViewType.Int64);
        return builder.ToSchema();
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => _plan.Sum(c => c.Windows);

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
            active[ScanWindowCursor.Check(Schema, column)] = true;
        return new ScanWindowCursor(_genome, _plan, _length, _stride, _window, Schema, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
