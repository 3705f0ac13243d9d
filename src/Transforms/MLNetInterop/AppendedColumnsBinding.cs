using Microsoft.ML;

namespace Cnn.MLNet.Transforms.MLNetInterop;

/// <summary>
/// The output schema of an <see cref="IAppendedColumnsMapper"/> — the input's columns, in
/// order, then the appended ones (an appended column hides an input column of the same name,
/// as in ML.NET) — and the bookkeeping between output and input columns.
/// </summary>
internal sealed class AppendedColumnsBinding
{
    /// <summary>Binds <paramref name="mapper"/>.</summary>
    public AppendedColumnsBinding(IAppendedColumnsMapper mapper)
    {
        Mapper = mapper;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(mapper.InputSchema);
        builder.AddColumns(mapper.AppendedColumns);
        OutputSchema = builder.ToSchema();
    }

    /// <summary>The mapper that computes the appended columns.</summary>
    public IAppendedColumnsMapper Mapper { get; }

    /// <summary>The input schema.</summary>
    public DataViewSchema InputSchema => Mapper.InputSchema;

    /// <summary>The output schema.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>The number of input columns (hidden ones included); output columns at or past it are appended.</summary>
    public int InputColumnCount => InputSchema.Count;

    /// <summary>
    /// Which appended columns the requested output columns activate, indexed like
    /// <see cref="IAppendedColumnsMapper.AppendedColumns"/>.
    /// </summary>
    public bool[] ActiveAppended(IEnumerable<DataViewSchema.Column> outputColumns)
    {
        var active = new bool[Mapper.AppendedColumns.Count];
        foreach (var column in outputColumns)
        {
            int index = CheckOutputColumn(column);
            if (index >= InputColumnCount)
            {
                active[index - InputColumnCount] = true;
            }
        }
        return active;
    }

    /// <summary>
    /// The input columns to request upstream for <paramref name="outputColumns"/>: the input
    /// columns requested directly plus what the active appended columns depend on.
    /// </summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsNeeded(IEnumerable<DataViewSchema.Column> outputColumns)
    {
        var requested = outputColumns.ToList();
        var needed = new SortedDictionary<int, DataViewSchema.Column>();
        foreach (var column in requested)
        {
            int index = CheckOutputColumn(column);
            if (index < InputColumnCount)
            {
                needed[index] = InputSchema[index];
            }
        }
        foreach (var dependency in Mapper.GetDependencies(ActiveAppended(requested)))
        {
            needed[dependency.Index] = dependency;
        }
        return needed.Values;
    }

    /// <summary>
    /// Checks that <paramref name="input"/> has the schema this binding was made for (the same
    /// object, or the same column names and types in the same order).
    /// </summary>
    public void CheckInputSchema(DataViewSchema input, string parameterName)
    {
        if (ReferenceEquals(input, InputSchema))
        {
            return;
        }
        bool same = input.Count == InputSchema.Count
            && input.Zip(InputSchema).All(pair => pair.First.Name == pair.Second.Name && pair.First.Type.Equals(pair.Second.Type));
        if (!same)
        {
            throw new ArgumentException(
                "The input row's schema differs from the schema this mapper was created for; "
                + "create the mapper from the row's own schema.", parameterName);
        }
    }

    private int CheckOutputColumn(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= OutputSchema.Count || OutputSchema[column.Index].Name != column.Name)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' (index {column.Index}) is not a column of this output schema.");
        }
        return column.Index;
    }
}
