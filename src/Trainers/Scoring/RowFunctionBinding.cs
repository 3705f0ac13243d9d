using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// What every transformer over a trained network shares (scoring, feature maps, attribution):
/// find and check the input column against the model's encoding, then serve the
/// <see cref="IBatchedRowFunction"/> batched for <c>Transform</c> and row by row for
/// <c>PredictionEngine</c>. The public transformers delegate their <see cref="ITransformer"/>
/// members here and keep only what is their own.
/// </summary>
internal sealed class RowFunctionBinding(string component, IBatchedRowFunction function, CnnModel model, string inputColumnName, int batchSize)
{
    public string InputColumnName { get; } = inputColumnName;

    public int BatchSize { get; } = batchSize;

    public DataViewSchema OutputSchema(DataViewSchema inputSchema) => new AppendedColumnsBinding(Bind(inputSchema)).OutputSchema;

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BatchedScoringDataView(input, Bind(input.Schema), BatchSize);
    }

    public IRowToRowMapper RowToRowMapper(DataViewSchema inputSchema) => new AppendedColumnsRowToRowMapper(new AppendedColumnsBinding(Bind(inputSchema)));

    /// <summary>The estimator-side check: the input column is a known-size Single vector; the result adds <paramref name="added"/>.</summary>
    public SchemaShape OutputShape(SchemaShape inputSchema, params IEnumerable<SchemaShape.Column> added)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = SchemaLookup.GetColumn(inputSchema, InputColumnName, component, nameof(inputSchema));
        if (input.Kind != SchemaShape.Column.VectorKind.Vector || input.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"{component}: input column '{InputColumnName}' is {SchemaLookup.Describe(input)}; it needs a known-size vector of Single (an encoded sequence).", nameof(inputSchema));
        return SchemaShapeFactory.WithColumns(inputSchema, added);
    }

    /// <summary>A schema-shape column for a vector of Single, the output of feature maps and attributions.</summary>
    public static SchemaShape.Column SingleVector(string name) =>
        SchemaShapeFactory.CreateColumn(name, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, isKey: false);

    private SingleRowScoringMapper Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = SchemaLookup.GetColumn(inputSchema, InputColumnName, component, nameof(inputSchema));
        model.Input.EnsureMatches(input);
        return new SingleRowScoringMapper(function, inputSchema, input);
    }
}
