using Microsoft.ML;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Finds the network in a fitted pipeline: the one place that opens nested chains and splits a
/// chain before its CNN (scoring, scans, feature maps, image descriptions and the command line all
/// use it). It walks chains with <see cref="ChainFlattener"/>, the same walker persistence uses, and
/// drops the scopes.
/// </summary>
internal static class CnnChain
{
    /// <summary>The model's transformers in order, nested chains opened.</summary>
    public static IReadOnlyList<ITransformer> Stages(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ChainFlattener.Flatten(model).Select(scoped => scoped.Transformer).ToArray();
    }

    /// <summary>The last CNN stage of a single-network model.</summary>
    /// <exception cref="ArgumentException">The model is an ensemble, or has no CNN.</exception>
    public static CnnPredictionTransformer FindCnn(ITransformer model) => Split(model).Cnn;

    /// <summary>The ensemble stage of a fitted pipeline, or null when it has none.</summary>
    public static CnnEnsemble? FindEnsemble(ITransformer model) => Stages(model).OfType<CnnEnsemble>().FirstOrDefault();

    /// <summary>The last CNN stage and the stages before it (which make its input column).</summary>
    /// <exception cref="ArgumentException">The model is an ensemble, or has no CNN.</exception>
    public static (IReadOnlyList<ITransformer> Before, CnnPredictionTransformer Cnn) Split(ITransformer model)
    {
        var stages = Stages(model);
        if (stages.OfType<CnnEnsemble>().FirstOrDefault() is { } ensemble)
            throw new ArgumentException($"The model is an averaged ensemble of {ensemble.Members.Count} members (CnnEnsemble); this needs a single network. "
                + $"Apply it to one member instead (CnnEnsemble.Members[0] to [{ensemble.Members.Count - 1}]).", nameof(model));
        int index = IndexOfLastCnn(stages);
        if (index < 0) throw new ArgumentException("The model contains no Cnn network stage.", nameof(model));
        return (stages.Take(index).ToArray(), (CnnPredictionTransformer)stages[index]);
    }

    /// <summary>The position of the last CNN stage in <paramref name="stages"/>, or -1.</summary>
    public static int IndexOfLastCnn(IReadOnlyList<ITransformer> stages)
    {
        for (int i = stages.Count - 1; i >= 0; i--)
            if (stages[i] is CnnPredictionTransformer) return i;
        return -1;
    }
}
