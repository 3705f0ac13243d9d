namespace Cnn.MLNet.Transforms;

/// <summary>
/// What to do with a character that is neither a symbol of the alphabet, nor one of its
/// ambiguity codes, nor a gap (<c>-</c> or <c>.</c>). Characters outside ASCII always count as
/// unknown. Gaps are never unknown: they always encode as an all-zero column.
/// </summary>
public enum UnknownCharacterPolicy
{
    /// <summary>
    /// Throw an <see cref="System.InvalidOperationException"/> naming the column, the row, the
    /// character and its position in the sequence. This is the default: nothing is silently
    /// changed.
    /// </summary>
    Error = 0,

    /// <summary>Encode the character as an all-zero column, like a gap.</summary>
    Zeros = 1,
}
