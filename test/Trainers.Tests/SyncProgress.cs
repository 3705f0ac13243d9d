namespace Cnn.MLNet.Trainers.Tests;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the training thread itself, in order
/// (<see cref="Progress{T}"/> posts to the thread pool, too late to read per-epoch state or to cancel).
/// </summary>
internal sealed class SyncProgress(Action<EpochReport> report) : IProgress<EpochReport>
{
    public void Report(EpochReport value) => report(value);
}
