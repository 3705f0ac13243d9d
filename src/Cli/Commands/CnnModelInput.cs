using Cnn.MLNet.Pipelines.Training;
using Cnn.MLNet.Trainers.Scoring;
using Microsoft.ML;

namespace Cnn.MLNet.Cli.Commands;

/// <summary>
/// A saved model split at its CNN: the transformers before the <see cref="CnnPredictionTransformer"/>
/// (sequence encoding, …) and the CNN itself, for commands that look inside the network.
/// </summary>
internal sealed class CnnModelInput
{
    private readonly IReadOnlyList<ITransformer> _before;

    private CnnModelInput(CnnPredictionTransformer cnn, IReadOnlyList<ITransformer> before)
    {
        Cnn = cnn;
        _before = before;
    }

    /// <summary>The network stage.</summary>
    public CnnPredictionTransformer Cnn { get; }

    /// <summary>Splits <paramref name="model"/> (a loaded chain, possibly nested) before its last CNN stage.</summary>
    public static CnnModelInput Of(ITransformer model)
    {
        var cnn = SequenceModels.FindCnn(model);
        var stages = Flatten(model).ToList();
        return new CnnModelInput(cnn, stages.Take(stages.IndexOf(cnn)).ToList());
    }

    /// <summary>
    /// Applies the stages before the CNN: the input's columns plus the CNN's feature column
    /// (<see cref="CnnPredictionTransformer.FeatureColumnName"/>), without scoring.
    /// </summary>
    public IDataView Encode(IDataView input)
    {
        var data = input;
        foreach (var stage in _before) data = stage.Transform(data);
        return data;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];
}
