namespace Cnn.MLNet.Genomics;

/// <summary>
/// The messages of the sequence-file readers. Every message starts with where the problem is, as
/// an editor shows it: the file path as the caller gave it, the 1-based line number and, where one
/// applies, the column, e.g. <c>binding.tsv line 17, column 'Label': '2' is not a binary label …</c>.
/// </summary>
internal static class SequenceFileErrors
{
    private const int MaxQuotedLength = 80;

    /// <summary>"path line N" or "path line N, column 'C'".</summary>
    public static string Where(string path, long line, string? column = null) =>
        column is null ? $"{path} line {line}" : $"{path} line {line}, column '{column}'";

    /// <summary>A value quoted for a message, shortened when long (sequences can be megabases).</summary>
    public static string Quote(string value) =>
        value.Length <= MaxQuotedLength ? $"'{value}'" : $"'{value[..MaxQuotedLength]}…' ({value.Length} characters)";

    /// <summary>Bad content at a line (and column).</summary>
    public static FormatException Content(string path, long line, string? column, string problem) =>
        new($"{Where(path, line, column)}: {problem}");

    /// <summary>The file does not exist.</summary>
    public static FileNotFoundException NotFound(string path) =>
        new($"Sequence file '{path}' was not found.", path);

    /// <summary>A column named in the options is not in the header.</summary>
    public static ArgumentException MissingColumn(string path, long headerLine, string role, string name, string option, IEnumerable<string> available) =>
        new($"{Where(path, headerLine)} (header): there is no {role} column '{name}'. "
            + $"Available columns: {string.Join(", ", available.Select(n => $"'{n}'"))}. "
            + $"Set SequenceFileOptions.{option} (--{(role == "label" ? "label" : "sequence")}-column) to the name the file uses.",
            "options");
}
