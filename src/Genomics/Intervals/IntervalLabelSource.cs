namespace Cnn.MLNet.Genomics;

/// <summary>Where the <c>Label</c> column of <see cref="IntervalSequences"/> comes from.</summary>
public enum IntervalLabelSource
{
    /// <summary>No <c>Label</c> column (windows for prediction).</summary>
    None,

    /// <summary>
    /// Every row is a positive: <c>true</c> for <see cref="SequenceLabelKind.Boolean"/>, <c>1</c> for
    /// <see cref="SequenceLabelKind.Single"/> (e.g. peaks to be paired with sampled background).
    /// </summary>
    Constant,

    /// <summary>
    /// Parsed from the BED column <see cref="IntervalSequenceOptions.LabelColumn"/> of each line (e.g. the
    /// score) as <see cref="IntervalSequenceOptions.LabelKind"/> (Boolean, Single or Text).
    /// </summary>
    Column,

    /// <summary>
    /// Multi-task: a vector of Single with one slot per file of <see cref="IntervalSequenceOptions.TaskBedPaths"/>,
    /// 1 when the window's centre base (<c>Start + Length / 2</c>) lies inside an interval of that file, else 0.
    /// </summary>
    Tasks,
}
