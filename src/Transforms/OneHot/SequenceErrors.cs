using System.Globalization;

namespace Cnn.MLNet.Transforms.OneHot;

/// <summary>The messages of data errors found while encoding, each naming column, row and character.</summary>
internal static class SequenceErrors
{
    /// <summary>The component name used in messages.</summary>
    public const string Component = "OneHotEncodeSequence";

    /// <summary>A missing or empty sequence.</summary>
    public static InvalidOperationException Empty(string column, long row) =>
        new($"{Component}: column '{column}', row {Row(row)}: the sequence is empty or missing. "
            + "Every row needs a non-empty sequence; remove or fill such rows first (e.g. with ml.Data.FilterByCustomPredicate).");

    /// <summary>A character that the policy rejects.</summary>
    public static InvalidOperationException IllegalCharacter(
        string column, long row, ReadOnlySpan<char> sequence, int index, SequenceWindowEncoder encoder)
    {
        char c = sequence[index];
        var spec = encoder.Spec;
        return new InvalidOperationException(
            $"{Component}: column '{column}', row {Row(row)}: illegal character {Show(c)} at position {index} (0-based) "
            + $"of the {sequence.Length}-character sequence{Context(sequence, index)}. "
            + $"{spec.Alphabet} accepts {encoder.Alphabet.DescribeAccepted()}. "
            + $"To encode other characters as all-zero columns, set UnknownCharacters = {nameof(UnknownCharacterPolicy)}.{nameof(UnknownCharacterPolicy.Zeros)}.");
    }

    /// <summary>A row index as it appears in messages.</summary>
    public static string Row(long row) => $"{row.ToString(CultureInfo.InvariantCulture)} (0-based)";

    /// <summary>A character as it appears in messages: quoted when printable, always with its code point.</summary>
    public static string Show(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            ? $"U+{(int)c:X4}"
            : $"'{c}' (U+{(int)c:X4})";

    private static string Context(ReadOnlySpan<char> sequence, int index)
    {
        const int radius = 8;
        if (sequence.Length <= 1)
        {
            return string.Empty;
        }
        int start = Math.Max(0, index - radius);
        int end = Math.Min(sequence.Length, index + radius + 1);
        string before = Clean(sequence[start..index]);
        string after = Clean(sequence[(index + 1)..end]);
        return $" (\"{(start > 0 ? "…" : "")}{before}[{Clean(sequence.Slice(index, 1))}]{after}{(end < sequence.Length ? "…" : "")}\")";
    }

    private static string Clean(ReadOnlySpan<char> text)
    {
        var chars = text.ToArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]) || char.IsSurrogate(chars[i]))
            {
                chars[i] = '?';
            }
        }
        return new string(chars);
    }
}
