namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Checkpointing and cancellation for the ready-made pipelines (sequences and images): passed to
/// the trainer's <c>CheckpointDirectory</c>, <c>Resume</c> and <c>CancellationToken</c> options.
/// </summary>
public sealed class TrainingRecovery
{
    /// <summary>A folder for a checkpoint written after every epoch. Default null: none.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> if there is one.</summary>
    public bool Resume { get; set; }

    /// <summary>Stops training between batches.</summary>
    public CancellationToken CancellationToken { get; set; }

    internal void ApplyTo(Trainers.CnnTrainerOptions options)
    {
        options.CheckpointDirectory = CheckpointDirectory;
        options.Resume = Resume;
        options.CancellationToken = CancellationToken;
    }
}
