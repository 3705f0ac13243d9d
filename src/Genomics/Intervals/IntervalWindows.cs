namespace Cnn.MLNet.Genomics;

/// <summary>
/// Reads the BED file(s) of <see cref="IntervalSequenceOptions"/> once, checks every chromosome
/// against the genome and every label, and turns each interval into a window and its label.
/// </summary>
internal static class IntervalWindows
{
    /// <summary>The windows, in BED file order.</summary>
    /// <exception cref="FormatException">A BED line is malformed, names an unknown chromosome or holds a bad label.</exception>
    public static List<IntervalWindow> Build(Genome genome, IntervalSequenceOptions options) => Build(genome, options, out _);

    /// <summary>The windows, in BED file order, and how many were dropped for overlapping <see cref="IntervalSequenceOptions.Exclude"/>.</summary>
    /// <exception cref="FormatException">A BED line is malformed, names an unknown chromosome or holds a bad label.</exception>
    public static List<IntervalWindow> Build(Genome genome, IntervalSequenceOptions options, out long excluded)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        IReadOnlyList<BedInterval>[] tasks = options.LabelSource == IntervalLabelSource.Tasks
            ? options.TaskBedPaths.Select(p => BedFile.Read(p, genome)).ToArray()
            : [];
        var indexes = tasks.Select(t => new IntervalIndex(t.Select(i => (i.Chromosome, i.Start, i.End)))).ToArray();
        var rows = options.BedPath is { Length: > 0 } bed
            ? BedFile.Read(bed, genome).Select(i => (Interval: i, Path: bed))
            : tasks.SelectMany((t, k) => t.Select(i => (Interval: i, Path: options.TaskBedPaths[k])));

        var windows = new List<IntervalWindow>();
        excluded = 0;
        foreach (var (interval, path) in rows)
        {
            long start = WindowStart(interval, options.Length, options.Anchor);
            if (options.Exclude?.Overlaps(genome, interval.Chromosome, start, start + options.Length) == true)
            {
                excluded++;
                continue;
            }
            var window = new IntervalWindow(interval.Chromosome, start, false, 0f, null, null);
            windows.Add(options.LabelSource switch
            {
                IntervalLabelSource.Constant => window with { Boolean = true, Single = 1f },
                IntervalLabelSource.Column => ParseLabel(window, interval, path, options),
                IntervalLabelSource.Tasks => window with { Tasks = TaskLabels(indexes, interval.Chromosome, start + options.Length / 2) },
                _ => window,
            });
        }
        return windows;
    }

    /// <summary>The first base of the window over <paramref name="interval"/>; may be negative or past the chromosome.</summary>
    /// <exception cref="FormatException">The summit anchor meets a line without a valid summit.</exception>
    public static long WindowStart(BedInterval interval, int length, WindowAnchor anchor) => anchor switch
    {
        WindowAnchor.Start => interval.Start,
        WindowAnchor.End => interval.End - length,
        WindowAnchor.Summit when interval.ParseSummit() is { } summit => interval.Start + summit - length / 2,
        _ => interval.Start + (interval.End - interval.Start) / 2 - length / 2,
    };

    /// <summary>Whether the window reaches before the chromosome's start or past its end (so it is padded with N).</summary>
    public static bool IsPadded(Genome genome, IntervalWindow window, int length) =>
        window.Start < 0 || window.Start + length > genome.LengthOf(window.Chromosome);

    private static float[] TaskLabels(IntervalIndex[] indexes, string chromosome, long centre)
    {
        var labels = new float[indexes.Length];
        for (int k = 0; k < indexes.Length; k++)
            labels[k] = indexes[k].Contains(chromosome, centre) ? 1f : 0f;
        return labels;
    }

    private static IntervalWindow ParseLabel(IntervalWindow window, BedInterval interval, string path, IntervalSequenceOptions options)
    {
        int index = options.LabelColumn;
        string column = index < BedInterval.StandardNames.Length ? $"{index + 1} ({BedInterval.StandardNames[index]})" : $"{index + 1}";
        string? text = interval.Column(index);
        if (text is null)
        {
            throw SequenceFileErrors.Content(path, interval.LineNumber, null,
                $"the line has {interval.Columns.Count} columns, so it has no label column {column} (IntervalSequenceOptions.LabelColumn = {index}, 0-based).");
        }
        return options.LabelKind switch
        {
            SequenceLabelKind.Boolean => window with { Boolean = LabelParser.ParseBoolean(text, path, interval.LineNumber, column) },
            SequenceLabelKind.Single => window with { Single = LabelParser.ParseSingle(text, path, interval.LineNumber, column) },
            _ => window with { Text = LabelParser.ParseText(text, path, interval.LineNumber, column).ToString() },
        };
    }
}
