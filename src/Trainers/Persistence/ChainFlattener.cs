using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Trainers;

/// <summary>A transformer with its scope in the chain (which of training, testing and scoring it belongs to).</summary>
internal readonly record struct ScopedTransformer(ITransformer Transformer, TransformerScope Scope);

/// <summary>
/// Lists the transformers of a model in order, flattening nested <see cref="TransformerChain{TLastTransformer}"/>s
/// and keeping each transformer's scope (a nested chain's scope narrows those of its members).
/// </summary>
internal static class ChainFlattener
{
    private static readonly TransformerScope[] ScopeFlags = [TransformerScope.Training, TransformerScope.Testing, TransformerScope.Scoring];

    public static List<ScopedTransformer> Flatten(ITransformer model)
    {
        var result = new List<ScopedTransformer>();
        Add(model, TransformerScope.Everything, result);
        return result;
    }

    private static void Add(ITransformer transformer, TransformerScope scope, List<ScopedTransformer> result)
    {
        if (!IsChain(transformer))
        {
            result.Add(new ScopedTransformer(transformer, scope));
            return;
        }
        var members = ((IEnumerable<ITransformer>)transformer).ToList();
        var scopes = ScopesOf(transformer, members);
        for (int i = 0; i < members.Count; i++) Add(members[i], scope & scopes[i], result);
    }

    private static bool IsChain(ITransformer transformer) =>
        transformer.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(TransformerChain<>);

    // A chain's scopes are private; GetModelFor(flag) (public) keeps the members whose scope has the flag,
    // in order, so matching its result against the members recovers each member's scope.
    private static TransformerScope[] ScopesOf(ITransformer chain, List<ITransformer> members)
    {
        var getModelFor = chain.GetType().GetMethod(nameof(TransformerChain<ITransformer>.GetModelFor), BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException("TransformerChain.GetModelFor no longer exists in this ML.NET version.");
        var scopes = new TransformerScope[members.Count];
        foreach (var flag in ScopeFlags)
        {
            var kept = ((IEnumerable<ITransformer>)getModelFor.Invoke(chain, [flag])!).ToList();
            for (int i = 0, k = 0; i < members.Count && k < kept.Count; i++)
            {
                if (!ReferenceEquals(members[i], kept[k])) continue;
                scopes[i] |= flag;
                k++;
            }
        }
        return scopes;
    }
}
