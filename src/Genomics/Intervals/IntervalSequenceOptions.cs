namespace Cnn.MLNet.Genomics;

/// <summary>Options of <see cref="IntervalSequences.Load"/>: which intervals, how long the windows, which label.</summary>
public sealed class IntervalSequenceOptions
{
    /// <summary>
    /// The BED file whose intervals become rows, in file order. May be null with
    /// <see cref="IntervalLabelSource.Tasks"/>: the rows are then the intervals of every task file, file
    /// by file (an interval present in two files gives two rows).
    /// </summary>
    public string? BedPath { get; set; }

    /// <summary>The window length in bases; every <c>Sequence</c> has exactly this many characters.</summary>
    public int Length { get; set; } = 1000;

    /// <summary>Where the window sits on each interval.</summary>
    public WindowAnchor Anchor { get; set; } = WindowAnchor.Centre;

    /// <summary>Where the label comes from.</summary>
    public IntervalLabelSource LabelSource { get; set; } = IntervalLabelSource.Constant;

    /// <summary>
    /// The label type for <see cref="IntervalLabelSource.Constant"/> (Boolean or Single) and
    /// <see cref="IntervalLabelSource.Column"/> (Boolean, Single or Text); ignored otherwise.
    /// </summary>
    public SequenceLabelKind LabelKind { get; set; } = SequenceLabelKind.Boolean;

    /// <summary>The 0-based BED column read by <see cref="IntervalLabelSource.Column"/>; 4 is the score column.</summary>
    public int LabelColumn { get; set; } = 4;

    /// <summary>One BED file per task for <see cref="IntervalLabelSource.Tasks"/>.</summary>
    public IList<string> TaskBedPaths { get; set; } = [];

    /// <summary>
    /// The task names, used as the label vector's slot names; by default each task file's name
    /// without its extensions (<c>ctcf.bed.gz</c> → <c>ctcf</c>).
    /// </summary>
    public IList<string>? TaskNames { get; set; }

    /// <summary>
    /// Regions (such as the ENCODE blacklist) whose overlapping windows are dropped: a row is left
    /// out when its <em>window</em> (not its interval) shares at least one base with a region.
    /// <see cref="IntervalSequences.Describe"/> counts the dropped rows and the regions on chromosomes
    /// the genome lacks (ignored). Null (the default) keeps every row.
    /// </summary>
    public ExcludedRegions? Exclude { get; set; }

    /// <summary>The slot names of the task vector.</summary>
    internal IReadOnlyList<string> ResolveTaskNames() =>
        TaskNames is { } names ? names.ToArray() : TaskBedPaths.Select(TaskName).ToArray();

    /// <summary>Checks the options, naming the bad one.</summary>
    /// <exception cref="ArgumentException">An option is out of range or options contradict each other.</exception>
    internal void Validate()
    {
        if (Length < 1)
            throw new ArgumentOutOfRangeException(nameof(Length), Length, "The window length must be at least 1.");
        if (!Enum.IsDefined(Anchor))
            throw new ArgumentOutOfRangeException(nameof(Anchor), Anchor, "Unknown window anchor.");
        if (LabelSource != IntervalLabelSource.Tasks && string.IsNullOrWhiteSpace(BedPath))
            throw new ArgumentException($"Set {nameof(BedPath)} to the BED file of intervals (it may be left out only with {nameof(IntervalLabelSource)}.{nameof(IntervalLabelSource.Tasks)}).", nameof(BedPath));
        switch (LabelSource)
        {
            case IntervalLabelSource.None:
                break;
            case IntervalLabelSource.Constant when LabelKind is SequenceLabelKind.Boolean or SequenceLabelKind.Single:
                break;
            case IntervalLabelSource.Constant:
                throw new ArgumentException($"A constant label must be {nameof(SequenceLabelKind.Boolean)} or {nameof(SequenceLabelKind.Single)}, not {LabelKind}.", nameof(LabelKind));
            case IntervalLabelSource.Column when LabelColumn < 0:
                throw new ArgumentOutOfRangeException(nameof(LabelColumn), LabelColumn, "The label column is a 0-based BED column index (4 = score).");
            case IntervalLabelSource.Column when LabelKind == SequenceLabelKind.None || !Enum.IsDefined(LabelKind):
                throw new ArgumentException($"A label read from a column needs a label kind (Boolean, Single or Text), not {LabelKind}.", nameof(LabelKind));
            case IntervalLabelSource.Column:
                break;
            case IntervalLabelSource.Tasks:
                if (TaskBedPaths is null || TaskBedPaths.Count == 0)
                    throw new ArgumentException($"Multi-task labels need at least one file in {nameof(TaskBedPaths)}.", nameof(TaskBedPaths));
                if (TaskNames is not null && TaskNames.Count != TaskBedPaths.Count)
                    throw new ArgumentException($"{nameof(TaskNames)} has {TaskNames.Count} names for {TaskBedPaths.Count} task files.", nameof(TaskNames));
                var repeated = ResolveTaskNames().GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (repeated is not null)
                    throw new ArgumentException($"The task name '{repeated.Key}' repeats; set {nameof(TaskNames)} to distinct names.", nameof(TaskNames));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(LabelSource), LabelSource, "Unknown label source.");
        }
    }

    private static string TaskName(string path)
    {
        string name = Path.GetFileName(path);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
