using System.Globalization;

namespace Cnn.MLNet.Genomics;

/// <summary>
/// Parses label text by <see cref="SequenceLabelKind"/>. Surrounding whitespace is ignored for
/// every kind; an empty label is an error for every kind.
/// </summary>
internal static class LabelParser
{
    /// <summary>0, 1, true or false, case-insensitive.</summary>
    /// <exception cref="FormatException">Any other text; the message says where.</exception>
    public static bool ParseBoolean(string text, string path, long line, string column)
    {
        var value = NonEmpty(text, path, line, column);
        if (value.SequenceEqual("1") || value.Equals("true", StringComparison.OrdinalIgnoreCase))
            return true;
        if (value.SequenceEqual("0") || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            return false;
        throw SequenceFileErrors.Content(path, line, column, $"{SequenceFileErrors.Quote(text)} is not a binary label (expected 0, 1, true or false).");
    }

    /// <summary>A finite invariant-culture number.</summary>
    /// <exception cref="FormatException">Not a number, or NaN or infinite (also after overflow); the message says where.</exception>
    public static float ParseSingle(string text, string path, long line, string column)
    {
        var value = NonEmpty(text, path, line, column);
        if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float number))
        {
            throw SequenceFileErrors.Content(path, line, column,
                $"{SequenceFileErrors.Quote(text)} is not a number (expected an invariant-culture number such as 0.5 or -1.2e3).");
        }
        if (!float.IsFinite(number))
            throw SequenceFileErrors.Content(path, line, column, $"{SequenceFileErrors.Quote(text)}: label is not finite.");
        return number;
    }

    /// <summary>The text without surrounding whitespace.</summary>
    /// <exception cref="FormatException">The label is empty; the message says where.</exception>
    public static ReadOnlyMemory<char> ParseText(string text, string path, long line, string column)
    {
        NonEmpty(text, path, line, column);
        return text.AsMemory().Trim();
    }

    private static ReadOnlySpan<char> NonEmpty(string text, string path, long line, string column)
    {
        var value = text.AsSpan().Trim();
        if (value.IsEmpty)
            throw SequenceFileErrors.Content(path, line, column, $"the label is empty ({SequenceFileErrors.Quote(text)}).");
        return value;
    }
}
