namespace Cnn.MLNet.Genomics;

/// <summary>
/// Parses a FASTA header line (<c>&gt;id description…</c>) into the record id and the label. The id
/// is the first whitespace-separated token after <c>&gt;</c>. The label is the value of the first
/// later token of the form <c>label=VALUE</c> (the key case-insensitive), or else the last token
/// after the id: <c>&gt;seq1 1</c>, <c>&gt;chr1:100-200 bound</c>, <c>&gt;s7 label=0 chr2:5-55</c>.
/// </summary>
internal static class FastaHeaderLine
{
    private const string LabelKey = "label=";

    /// <summary>Parses <paramref name="line"/>, which starts with '&gt;'.</summary>
    /// <param name="line">The header line, trimmed.</param>
    /// <param name="needLabel">Whether a label is required (and so read).</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="lineNumber">The header's line, for messages.</param>
    /// <param name="label">The label token; null when <paramref name="needLabel"/> is false.</param>
    /// <returns>The record id.</returns>
    /// <exception cref="FormatException">The header has no id, or no label when one is needed.</exception>
    public static string Parse(string line, bool needLabel, string path, long lineNumber, out string? label)
    {
        var tokens = line[1..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            throw SequenceFileErrors.Content(path, lineNumber, null, "the FASTA header '>' has no record id.");
        string id = tokens[0];
        label = null;
        if (!needLabel)
            return id;

        label = tokens.Skip(1).FirstOrDefault(t => t.StartsWith(LabelKey, StringComparison.OrdinalIgnoreCase)) is { } keyed
            ? keyed[LabelKey.Length..]
            : tokens.Length > 1 ? tokens[^1] : null;
        if (label is null)
        {
            throw SequenceFileErrors.Content(path, lineNumber, "Label",
                $"the FASTA header {SequenceFileErrors.Quote(line)} of record '{id}' has no label; "
                + "put it after the id ('>id 1') or as a 'label=VALUE' token, or read the file with LabelKind None.");
        }
        return id;
    }
}
