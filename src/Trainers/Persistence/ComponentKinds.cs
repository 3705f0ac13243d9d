namespace Cnn.MLNet.Trainers;

/// <summary>The kinds of component a model file holds, and the entry roles of each.</summary>
internal static class ComponentKinds
{
    /// <summary>Consecutive stock ML.NET transformers, saved together by <c>ml.Model.Save</c>. Role: <see cref="Model"/>.</summary>
    public const string MLNet = "mlnet";
    /// <summary>A <c>OneHotSequenceTransformer</c>. Role: <see cref="Config"/>.</summary>
    public const string OneHotSequence = "oneHotSequence";
    /// <summary>A <c>CnnPredictionTransformer</c>. Roles: <see cref="Config"/>, <see cref="Weights"/>.</summary>
    public const string Cnn = "cnn";
    /// <summary>A <c>CnnEnsemble</c>. Roles: <see cref="Config"/>, then <see cref="Member"/>(0), <see cref="Member"/>(1), … (each a whole nested model file).</summary>
    public const string Ensemble = "ensemble";

    public const string Model = "model";
    public const string Config = "config";
    public const string Weights = "weights";

    /// <summary>The role of an ensemble's member <paramref name="index"/> (0-based): <c>member0</c>, <c>member1</c>, ….</summary>
    public static string Member(int index) => $"member{index}";

    /// <summary>
    /// The roles a component of <paramref name="kind"/> must have, or null for a kind this build does not know.
    /// An ensemble has one member role per member, so its roles follow from the <paramref name="listed"/> ones:
    /// config and member0 … member(n − 1), where n is the number of listed roles starting with "member".
    /// </summary>
    public static IReadOnlyList<string>? RolesOf(string kind, IEnumerable<string> listed) => kind switch
    {
        MLNet => [Model],
        OneHotSequence => [Config],
        Cnn => [Config, Weights],
        Ensemble => [Config, .. Enumerable.Range(0, listed.Count(r => r.StartsWith("member", StringComparison.Ordinal))).Select(Member)],
        _ => null,
    };
}
