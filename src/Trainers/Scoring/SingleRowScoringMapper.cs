using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Binds an <see cref="IBatchedRowFunction"/> to an input schema and its input column, and is
/// the one-row path (<c>PredictionEngine</c>, <c>IRowToRowMapper</c>): each row's input goes
/// through the function alone, once per row however many output columns are read.
/// </summary>
internal sealed class SingleRowScoringMapper : IAppendedColumnsMapper
{
    public SingleRowScoringMapper(IBatchedRowFunction function, DataViewSchema inputSchema, DataViewSchema.Column input)
    {
        Function = function;
        Input = input;
        InputSchema = inputSchema;
    }

    public DataViewSchema InputSchema { get; }

    /// <summary>The computation.</summary>
    public IBatchedRowFunction Function { get; }

    public IReadOnlyList<DataViewSchema.DetachedColumn> AppendedColumns => Function.OutputColumns;

    /// <summary>The input column the function reads.</summary>
    public DataViewSchema.Column Input { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IReadOnlyList<bool> activeAppended) =>
        activeAppended.Any(a => a) ? [Input] : [];

    public Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeAppended)
    {
        var readInput = input.GetGetter<VBuffer<float>>(input.Schema[Input.Index]);
        var function = Function;
        var values = new float[function.InputSize];
        var outputs = new float[function.OutputWidth];
        VBuffer<float> row = default;
        long computedPosition = -1;

        ReadOnlyMemory<float> Current()
        {
            // PredictionEngine advances Position on every call, so the position identifies the row.
            if (input.Position != computedPosition || input.Position < 0)
            {
                readInput(ref row);
                row.CopyTo(values);
                function.Compute(values, 1, outputs);
                computedPosition = input.Position;
            }
            return outputs;
        }
        return function.CreateGetters(Current, activeAppended);
    }
}
