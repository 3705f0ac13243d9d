using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// The rows of <see cref="ProfileTrainingData.Build"/>: the windows' places are held as a list, the
/// bases and track values are read as each row is read. Shuffles itself: a cursor given a random
/// source visits the rows in a permutation of their indices (one int a row), so training can shuffle
/// fully without a pool of materialised rows.
/// </summary>
internal sealed class ProfileDataView : IDataView
{
    private readonly Genome _genome;
    private readonly IReadOnlyList<ProfileWindow> _windows;
    private readonly IReadOnlyList<ICoverageTrack> _tracks;
    private readonly ProfileTrainingOptions _options;

    /// <summary>A view over <paramref name="windows"/>; <paramref name="options"/> must not change afterwards (the caller copies it).</summary>
    public ProfileDataView(Genome genome, IReadOnlyList<ProfileWindow> windows, IReadOnlyList<ICoverageTrack> tracks, ProfileTrainingOptions options)
    {
        _genome = genome;
        _windows = windows;
        _tracks = tracks;
        _options = options;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(ProfileColumns.Sequence, TextDataViewType.Instance);
        builder.AddColumn(ProfileColumns.Label, new VectorDataViewType(NumberDataViewType.Single, tracks.Count * (options.OutputLength / options.BinSize)));
        builder.AddColumn(ProfileColumns.Chromosome, TextDataViewType.Instance);
        builder.AddColumn(ProfileColumns.Start, NumberDataViewType.Int64);
        builder.AddColumn(ProfileColumns.End, NumberDataViewType.Int64);
        builder.AddColumn(ProfileColumns.IsPeak, BooleanDataViewType.Instance);
        Schema = builder.ToSchema();
    }

    /// <inheritdoc/>
    public bool CanShuffle => true;

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
            active[ProfileCursor.Check(Schema, column)] = true;
        int[]? order = null;
        if (rand is not null)
        {
            order = Enumerable.Range(0, _windows.Count).ToArray();
            rand.Shuffle(order);
        }
        return new ProfileCursor(_genome, _windows, order, new ProfileLabelReader(_tracks, _options), _options.Length, Schema, active);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
