using Cnn.MLNet.Trainers.Model;
using Cnn.MLNet.Transforms.MLNetInterop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers.Scoring;

/// <summary>
/// The one-row path (<c>PredictionEngine</c>, <c>IRowToRowMapper</c>): each row's features go
/// through the network alone, once per row however many output columns are read.
/// </summary>
internal sealed class SingleRowScoringMapper : IAppendedColumnsMapper
{
    private readonly CnnModel _model;
    private readonly DataViewSchema.Column _features;

    public SingleRowScoringMapper(CnnModel model, DataViewSchema inputSchema, DataViewSchema.Column features)
    {
        _model = model;
        _features = features;
        InputSchema = inputSchema;
    }

    public DataViewSchema InputSchema { get; }

    /// <summary>The model that scores.</summary>
    public CnnModel Model => _model;

    public IReadOnlyList<DataViewSchema.DetachedColumn> AppendedColumns => _model.Task.OutputColumns;

    /// <summary>The feature column the network reads.</summary>
    public DataViewSchema.Column Features => _features;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IReadOnlyList<bool> activeAppended) =>
        activeAppended.Any(a => a) ? [_features] : [];

    public Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeAppended)
    {
        var readFeatures = input.GetGetter<VBuffer<float>>(input.Schema[_features.Index]);
        var model = _model;
        var features = new float[model.Input.Size];
        var outputs = new float[model.Outputs];
        VBuffer<float> row = default;
        long scoredPosition = -1;

        ReadOnlyMemory<float> Current()
        {
            // PredictionEngine advances Position on every call, so the position identifies the row.
            if (input.Position != scoredPosition || input.Position < 0)
            {
                readFeatures(ref row);
                row.CopyTo(features);
                model.Forward(features, 1, outputs);
                scoredPosition = input.Position;
            }
            return outputs;
        }
        return model.Task.CreateOutputGetters(Current, activeAppended);
    }
}
