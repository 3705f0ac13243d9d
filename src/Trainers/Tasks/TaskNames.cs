namespace Cnn.MLNet.Trainers;

/// <summary>Command-line names of tasks.</summary>
internal static class TaskNames
{
    /// <summary>binary, multiclass, regression, multitask, profile or binned tracks.</summary>
    public static string Of(CnnTaskKind task) => task switch
    {
        CnnTaskKind.BinaryClassification => "binary",
        CnnTaskKind.MulticlassClassification => "multiclass",
        CnnTaskKind.Regression => "regression",
        CnnTaskKind.Profile => "profile",
        CnnTaskKind.BinnedTracks => "binned tracks",
        _ => "multitask",
    };

    /// <summary>Parses binary, multiclass or regression (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static CnnTaskKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "binary" => CnnTaskKind.BinaryClassification,
        "multiclass" => CnnTaskKind.MulticlassClassification,
        "regression" => CnnTaskKind.Regression,
        _ => throw new ArgumentException($"Unknown task '{name}': use binary, multiclass or regression."),
    };
}
