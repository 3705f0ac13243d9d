namespace Cnn.MLNet.Transforms;

/// <summary>
/// Where a sequence sits in the fixed-length encoding window when it must be padded (shorter
/// than the window) or truncated (longer than the window). Padding columns are all zero.
/// </summary>
public enum SequenceAnchor
{
    /// <summary>
    /// The sequence starts at position 0. A short sequence is padded at the end; a long one is
    /// truncated at the end (its first <c>Length</c> characters are kept).
    /// </summary>
    Left = 0,

    /// <summary>
    /// The sequence ends at position <c>Length − 1</c>. A short sequence is padded at the start;
    /// a long one is truncated at the start (its last <c>Length</c> characters are kept).
    /// </summary>
    Right = 1,

    /// <summary>
    /// The sequence is centred. Padding is split evenly, and when the difference is odd the
    /// extra padding column goes at the end. Truncation keeps the middle: ⌊excess / 2⌋
    /// characters are dropped from the start and the rest of the excess from the end.
    /// </summary>
    Centre = 2,
}
