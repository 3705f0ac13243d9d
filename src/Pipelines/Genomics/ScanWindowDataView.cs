using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines.Genomics;

/// <summary>
/// The windows of a genome scan as a lazy <see cref="IDataView"/>: a text sequence column (named as
/// the model's encoder reads it), <c>Chromosome</c> (text), <c>Start</c> and <c>End</c> (Int64). Only
/// the plan (chromosome, window count) is held; each window's bases are cut from the shared
/// <see cref="Genome"/> when a row is read, so a whole genome is never materialised.
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
    internal const int Sequence = 0, Chromosome = 1, Start = 2, End = 3;

    private readonly Genome _genome;
    private readonly IReadOnlyList<GenomeScanChromosome> _plan;
    private readonly int _length;
    private readonly int _stride;

    /// <summary>A view over the windows of <paramref name="plan"/> (in that order), <paramref name="length"/> bases each, <paramref name="stride"/> apart.</summary>
    public ScanWindowDataView(Genome genome, IReadOnlyList<GenomeScanChromosome> plan, int length, int stride, string sequenceColumn)
    {
        _genome = genome;
        _plan = plan;
        _length = length;
        _stride = stride;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(sequenceColumn, TextDataViewType.Instance);
        builder.AddColumn(ChromosomeColumn, TextDataViewType.Instance);
        builder.AddColumn(StartColumn, NumberDataViewType.Int64);
        builder.AddColumn(EndColumn, NumberDataViewType.Int64);
        Schema = builder.ToSchema();
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
        return new ScanWindowCursor(_genome, _plan, _length, _stride, Schema, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
