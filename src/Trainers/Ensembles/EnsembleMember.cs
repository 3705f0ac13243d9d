using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// One member of a <see cref="CnnEnsemble"/>: the whole fitted pipeline as given (kept for saving and
/// for <see cref="CnnEnsemble.Members"/>), split at its network: <see cref="Scorer"/> runs the
/// pipeline from the raw input up to and including the network (whose scoring columns the
/// ensemble averages), and <see cref="Trailing"/> holds the stages after it (e.g. the key-to-class
/// name mapping), which the ensemble applies once to the averaged columns instead.
/// </summary>
internal sealed class EnsembleMember
{
    private EnsembleMember(int index, ITransformer pipeline, CnnPredictionTransformer cnn, ITransformer scorer, IReadOnlyList<ITransformer> trailing)
    {
        Index = index;
        Pipeline = pipeline;
        Cnn = cnn;
        Scorer = scorer;
        Trailing = trailing;
    }

    /// <summary>The member's position in the ensemble (0-based, as messages name it).</summary>
    public int Index { get; }

    /// <summary>The fitted pipeline as given.</summary>
    public ITransformer Pipeline { get; }

    /// <summary>The member's network stage (its last one).</summary>
    public CnnPredictionTransformer Cnn { get; }

    /// <summary>The stages from the raw input up to and including <see cref="Cnn"/>.</summary>
    public ITransformer Scorer { get; }

    /// <summary>The stages after <see cref="Cnn"/>, in order.</summary>
    public IReadOnlyList<ITransformer> Trailing { get; }

    /// <summary>Splits <paramref name="pipeline"/> at its last network stage.</summary>
    /// <exception cref="ArgumentException">It holds no network stage, or is itself an ensemble.</exception>
    public static EnsembleMember Split(ITransformer pipeline, int index)
    {
        ArgumentNullException.ThrowIfNull(pipeline, $"members[{index}]");
        var stages = CnnChain.Stages(pipeline).ToList();
        if (stages.OfType<CnnEnsemble>().FirstOrDefault() is { } nested)
            throw new ArgumentException($"CnnEnsemble: member {index} is itself an ensemble (of {nested.Members.Count} members). "
                + "Nested ensembles would weigh members unequally; pass the inner ensemble's Members instead.", "members");
        int at = CnnChain.IndexOfLastCnn(stages);
        if (at < 0)
            throw new ArgumentException($"CnnEnsemble: member {index} is not a Cnn.MLNet model: its stages ("
                + string.Join(", ", stages.Select(s => TypeNames.Describe(s.GetType())))
                + ") hold no CnnPredictionTransformer. Members are fitted pipelines that end in a Cnn trainer's model.", "members");
        var scorer = new TransformerChain<ITransformer>(stages.Take(at + 1).ToArray());
        return new EnsembleMember(index, pipeline, (CnnPredictionTransformer)stages[at], scorer, stages.Skip(at + 1).ToArray());
    }
}
