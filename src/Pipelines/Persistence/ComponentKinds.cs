namespace Cnn.MLNet.Pipelines.Persistence;

/// <summary>The kinds of component a model file holds, and the entry roles of each.</summary>
internal static class ComponentKinds
{
    /// <summary>Consecutive stock ML.NET transformers, saved together by <c>ml.Model.Save</c>. Role: <see cref="Model"/>.</summary>
    public const string MLNet = "mlnet";
    /// <summary>A <c>OneHotSequenceTransformer</c>. Role: <see cref="Config"/>.</summary>
    public const string OneHotSequence = "oneHotSequence";
    /// <summary>A <c>CnnPredictionTransformer</c>. Roles: <see cref="Config"/>, <see cref="Weights"/>.</summary>
    public const string Cnn = "cnn";

    public const string Model = "model";
    public const string Config = "config";
    public const string Weights = "weights";

    /// <summary>The roles a component of <paramref name="kind"/> has, or null for a kind this build does not know.</summary>
    public static IReadOnlyList<string>? RolesOf(string kind) => kind switch
    {
        MLNet => [Model],
        OneHotSequence => [Config],
        Cnn => [Config, Weights],
        _ => null,
    };
}
