using System.Text.RegularExpressions;

namespace Cnn.MLNet.Trainers;

/// <summary>
/// Entry names inside a model file: flat names of letters, digits, '.', '_' and '-' only, so no
/// name read from a manifest can point outside the archive (no '..', '/', '\', drive letters).
/// </summary>
internal static partial class EntryNames
{
    public const string Manifest = "manifest.json";
    public const string InputSchema = "input-schema.mlnet.zip";

    /// <summary>The name of a component's entry: <c>{index:00}-{kind}.{suffix}</c>, e.g. <c>02-cnn.weights</c>.</summary>
    public static string ForComponent(int index, string kind, string suffix) => $"{index:00}-{kind}.{suffix}";

    /// <summary>Whether <paramref name="name"/> is a plain, safe entry name.</summary>
    public static bool IsSafe(string? name) => name is { Length: > 0 and <= 128 } && SafeName().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
