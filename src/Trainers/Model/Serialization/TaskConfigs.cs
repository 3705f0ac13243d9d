namespace Cnn.MLNet.Trainers;

/// <summary>Turns a task into its saved form and back (one place that knows every task's fields).</summary>
internal static class TaskConfigs
{
    public static TaskConfig From(CnnTask task) => task switch
    {
        BinaryClassificationTask binary => new(task.Kind, task.Outputs, binary.PositiveWeight, null, null, null),
        MulticlassClassificationTask multiclass => new(task.Kind, task.Outputs, null, multiclass.ClassNames?.ToArray(), multiclass.ClassWeights?.ToArray(), null),
        RegressionTask => new(task.Kind, task.Outputs, null, null, null, null),
        MultiTaskTask multi => new(task.Kind, task.Outputs, null, null, null, multi.Targets.ToArray()),
        ProfileTask profile => new(task.Kind, task.Outputs, null, null, null, null,
            new(profile.Layout.Tracks, profile.Layout.Positions, profile.Layout.Stranded, profile.CountWeight, null)),
        BinnedTracksTask binned => new(task.Kind, task.Outputs, null, null, null, null,
            new(binned.Layout.Tracks, binned.Layout.Positions, binned.Layout.Stranded, null, binned.LossKind)),
        _ => throw new NotSupportedException($"Cnn model: the task {task.GetType().Name} cannot be saved."),
    };

    /// <exception cref="FormatException">The saved task is inconsistent (e.g. class names that do not match the output count).</exception>
    public static CnnTask ToTask(TaskConfig config)
    {
        CnnTask task;
        try
        {
            task = config.Kind switch
            {
                CnnTaskKind.BinaryClassification => new BinaryClassificationTask(config.PositiveWeight ?? 1f),
                CnnTaskKind.MulticlassClassification => new MulticlassClassificationTask(config.Outputs, config.ClassNames, config.ClassWeights?.ToArray()),
                CnnTaskKind.Regression => new RegressionTask(),
                CnnTaskKind.MultiTask => new MultiTaskTask(config.Targets ?? throw new FormatException("A multi-task model's configuration lists no target kinds.")),
                CnnTaskKind.Profile => new ProfileTask(Layout(config), config.Tracks!.CountWeight ?? throw new FormatException("A profile model's configuration has no count weight.")),
                CnnTaskKind.BinnedTracks => new BinnedTracksTask(Layout(config), config.Tracks!.Loss ?? throw new FormatException("A binned-track model's configuration has no loss.")),
                _ => throw new FormatException($"Unknown task kind {config.Kind}."),
            };
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"The saved {config.Kind} task is inconsistent: {e.Message}", e);
        }
        if (task.Outputs != config.Outputs)
            throw new FormatException($"The saved {config.Kind} task declares {config.Outputs} outputs but its settings give {task.Outputs}.");
        return task;
    }

    private static TrackLayout Layout(TaskConfig config) => config.Tracks is { } tracks
        ? new TrackLayout(tracks.Tracks, tracks.Positions, tracks.Stranded)
        : throw new FormatException($"A {config.Kind} model's configuration has no track layout.");
}
