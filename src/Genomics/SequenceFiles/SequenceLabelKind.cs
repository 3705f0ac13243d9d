namespace Cnn.MLNet.Genomics;

/// <summary>How the label of a sequence file is read, which decides the type of the <c>Label</c> column.</summary>
public enum SequenceLabelKind
{
    /// <summary>No label column (input for prediction). The output has no <c>Label</c> column.</summary>
    None,

    /// <summary>
    /// A binary label: <c>0</c>, <c>1</c>, <c>true</c> or <c>false</c> (case-insensitive, surrounding
    /// whitespace ignored), read as a Boolean column, as ML.NET's binary trainers and evaluator expect.
    /// </summary>
    Boolean,

    /// <summary>
    /// A regression target: an invariant-culture number (<c>0.5</c>, <c>-1.2e3</c>) read as a Single
    /// column. NaN and infinities are errors.
    /// </summary>
    Single,

    /// <summary>
    /// A class name kept as text (surrounding whitespace removed); a multiclass pipeline maps it to a
    /// key with <c>ml.Transforms.Conversion.MapValueToKey</c>.
    /// </summary>
    Text,
}
